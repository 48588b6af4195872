"""Consistency of the training and held-out data (bot/data/nlu, bot/nlu_eval)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.nlu_eval import Example, load_examples

BOT = Path(__file__).resolve().parents[2] / "bot"
SHARED_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "help_person", "danger", "request_leaflet",
    "ask_rights", "ask_what_next", "ask_updates", "ask_vps", "ask_compensation", "ask_review",
    "ask_complaint", "ask_enhanced", "want_support", "not_reported", "withdraw_consent",
    "delete_data", "change_language", "menu", "stop", "choose",
}
FREE_TEXT = {"en", "pl", "ro", "bn", "pt", "es", "ar", "tr", "ur", "so", "pa"}


def training_examples() -> list[Example]:
    examples = []
    for folder in sorted(p for p in (BOT / "data" / "nlu").iterdir() if p.is_dir()):
        examples += [Example(folder.name, e.text, e.intent) for e in load_examples(folder)]
    return examples


def test_every_free_text_language_trains_every_shared_intent():
    counts = Counter((e.language, e.intent) for e in training_examples())
    assert {e.language for e in training_examples()} == FREE_TEXT
    for language in FREE_TEXT:
        for intent in SHARED_INTENTS:
            minimum = 6 if intent == "choose" else 9
            assert counts[language, intent] >= minimum, (language, intent)
        assert counts[language, "danger"] >= 25, language
        assert counts[language, "want_support"] >= 17, language


def test_held_out_data_covers_every_intent_and_language():
    held_out = load_examples(BOT / "nlu_eval")
    assert {e.language for e in held_out} == FREE_TEXT
    for language in FREE_TEXT:
        intents = {e.intent for e in held_out if e.language == language}
        assert intents == SHARED_INTENTS, language


def test_held_out_data_is_never_a_training_line():
    trained = {e.text.casefold() for e in training_examples()}
    copies = [e.text for e in load_examples(BOT / "nlu_eval")
              if e.intent != "choose" and e.text.casefold() in trained]
    assert copies == []


def test_held_out_data_lives_outside_the_training_folder():
    assert not (BOT / "data" / "nlu_eval").exists()
    assert not list((BOT / "data").rglob("nlu_eval*"))
