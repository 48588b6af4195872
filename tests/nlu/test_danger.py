"""The danger safety net (assistant/nlu/danger.py): recall first, measured precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.nlu.danger import compile_pattern, danger_match, lexicon, parse_lexicon
from assistant.nlu.normalise import loose_fold
from benchmarks.nlu_eval import load_examples

EVAL = Path(__file__).resolve().parents[2] / "bot" / "nlu_eval"
FREE_TEXT = {"en", "pl", "ro", "bn", "pt", "es", "ar", "tr", "ur", "so", "pa"}


def test_the_lexicon_covers_every_free_text_language_and_universal_forms():
    assert {p.language for p in lexicon()} >= FREE_TEXT | {"*"}


def test_every_held_out_danger_message_is_caught_by_the_lexicon_alone():
    missed = [e.text for e in load_examples(EVAL) if e.intent == "danger" and not danger_match(
        e.text)]
    assert missed == []


def test_few_held_out_other_messages_are_taken_for_danger():
    others = [e for e in load_examples(EVAL) if e.intent != "danger"]
    flagged = [e.text for e in others if danger_match(e.text)]
    assert len(flagged) <= 0.03 * len(others), flagged


@pytest.mark.parametrize("text", [
    "999", "SOS", "help he's got a knife", "I want to kill myself", "he's hitting me!!",
    "Boję się, on mnie bije", "ma omoară", "আমি বিপদে আছি", "estou em perigo",
    "me está amenazando", "يهددني", "beni öldürecek", "مجھے دھمکی دے رہا ہے",
    "wuu i garaacayaa", "ਉਹ ਮੈਨੂੰ ਕੁੱਟ ਰਿਹਾ ਹੈ", "mujhe dhamki de raha hai",
    "I'm not in danger but he threatened me again",
])
def test_danger(text):
    assert danger_match(text) is not None


@pytest.mark.parametrize("text", [
    "I'm not in danger, I want to know my rights", "there was a break in at my house last week",
    "potrzebuję pomocy", "faça isso por favor", "dili değiştir", "he hit me last year",
    "menu", "skill me up", "what are my rights",
])
def test_not_danger(text):
    assert danger_match(text) is None


def test_patterns():
    assert compile_pattern("threaten*").search("he threatened me")
    assert not compile_pattern("kill me").search("skill me")
    assert compile_pattern("don't feel safe").search("i don t feel safe here")
    assert compile_pattern("attacked me ~ now").search("attacked me again right now")
    assert not compile_pattern("attacked me ~ now").search("attacked me a b c d now")


@pytest.mark.parametrize(("pattern", "text"), [
    ("φοβαμαι", "Φοβάμαι"),  # Greek typed with or without the tonos
    ("убьет меня", "убьёт меня"),  # Cyrillic yo typed as ye
    ("يهددني", "يهدّدني"),  # Arabic harakat left out
    ("اقتل نفسي", "أقتل نفسي"),  # alef with or without hamza
    ("میکشد", "ميكشد"),  # Arabic yeh and kaf for the Persian letters
    ("kill me", "ki\u200bll me"),  # a zero-width space inside a word
    ("slar meg", "slår meg"), ("doren", "døren"),  # Norwegian ø and å as people type them
    ("ghandu sikkina", "għandu sikkina"),  # Maltese ħ
])
def test_letters_people_type_in_different_ways_match_one_pattern(pattern, text):
    assert compile_pattern(pattern).search(loose_fold(text))


def test_a_whole_message_pattern_matches_only_the_whole_message():
    assert compile_pattern("^ pomogite $").search("pomogite")
    assert not compile_pattern("^ pomogite $").search("pomogite s listovkoi")
    assert not compile_pattern("^ pomogite $").search("ne pomogite")


def test_an_empty_pattern_is_refused():
    with pytest.raises(ValueError, match="empty"):
        parse_lexicon("en\t!*\n")
