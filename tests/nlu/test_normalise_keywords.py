"""Keyword and number navigation in every language (assistant/nlu/keywords.py)."""

from __future__ import annotations

import pytest

from assistant.nlu.keywords import (
    NAVIGATION_INTENTS,
    keyword_table,
    match_navigation,
    match_number,
    parse_keywords,
)
from assistant.nlu.language_names import language_code_for
from assistant.nlu.normalise import fold, normalise
from i18n.languages import all_languages

ENGLISH_CATALOGS = {"en", "en-easy"}  # the "*" rows are their keywords


def test_normalise_and_fold():
    assert normalise("  Hello,   WORLD!! ") == "hello world"
    assert normalise("৩") == "3"
    assert fold("Pomóż, ŁÓDŹ") == "pomoz lodz"
    assert fold("yard\u0131m") == "yardim"  # Turkish dotless i
    assert fold("সাহায্য") == "সাহায্য"  # Bengali vowel signs are letters, not accents


def test_every_language_has_every_navigation_keyword():
    by_language: dict[str, set[str]] = {}
    for keyword in keyword_table().values():
        for code, intent in keyword.meanings.items():
            by_language.setdefault(code, set()).add(intent)
    for language in all_languages():
        if language.code in ENGLISH_CATALOGS:
            continue
        assert by_language.get(language.code) == set(NAVIGATION_INTENTS), language.code
    assert by_language["*"] == set(NAVIGATION_INTENTS)


def test_keywords_with_two_intents_are_refused():
    with pytest.raises(ValueError, match="already"):
        parse_keywords("pl\tstop\tkoniec\npl\tmenu\tkoniec\n")
    with pytest.raises(ValueError, match="already"):  # an English word means one thing anywhere
        parse_keywords("*\tstop\tstop\nro\tmenu\tstop\n")
    with pytest.raises(ValueError, match="already"):
        parse_keywords("ro\tmenu\tstop\n*\tstop\tstop\n")


def test_a_word_may_mean_different_things_in_different_languages():
    table = parse_keywords("cs\tdeny\tne\nko\taffirm\tne\n")
    assert table["ne"].intent_in("cs") == "deny"
    assert table["ne"].intent_in("ko") == "affirm"
    assert table["ne"].intent_in(None) is None
    assert table["ne"].intent_in("pl") is None
    with pytest.raises(ValueError, match="unknown intent"):
        parse_keywords("pl\tdance\ttaniec\n")


@pytest.mark.parametrize(("text", "intent"), [
    ("help", "help_person"), ("HELP!", "help_person"), ("pomoc", "help_person"),
    ("ayuda", "help_person"), ("সাহায্য", "help_person"), ("ਮਦਦ", "help_person"),
    ("mmoa", "help_person"), ("도움", "help_person"), ("yardim", "help_person"),
    ("ulotka", "request_leaflet"), ("folleto", "request_leaflet"), ("النشرة", "request_leaflet"),
    ("menu", "menu"), ("menü", "menu"), ("القائمة", "menu"), ("\u043c\u0435\u043d\u044e", "menu"),
    ("stop", "stop"), ("jooji", "stop"), ("dur", "stop"), ("رکو", "stop"),
    ("language", "change_language"), ("język", "change_language"), ("jezyk", "change_language"),
    ("luqadda", "change_language"), ("ভাষা", "change_language"),
])
def test_keywords(text, intent):
    found = match_navigation(text)
    assert found is not None
    assert found.intent == intent


def test_a_keyword_of_one_language_names_it():
    found = match_navigation("ulotka")
    assert found is not None
    assert found.language == "pl"
    assert match_navigation("help").language is None  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "number"), [
    ("1", "1"), (" 3. ", "3"), ("#4", "4"), ("no. 5", "5"), ("٣", "3"), ("\u06f5", "5"),
    ("\u09ed", "7"), ("\u0a67\u0a67", "11"), ("option 12", "12"), ("55", "55"),
])
def test_numbers(text, number):
    assert match_number(text) == number
    assert match_navigation(text) == match_navigation(number)
    found = match_navigation(text)
    assert found is not None
    assert (found.intent, found.entity, found.value) == ("choose", "number", number)


@pytest.mark.parametrize("text", ["0", "999", "1 2", "3 apples", "12345", ""])
def test_not_menu_numbers(text):
    assert match_number(text) is None


def test_every_language_is_reached_by_its_own_and_its_english_name():
    for language in all_languages():
        assert language_code_for(language.native_name) == language.code, language.code
        assert language_code_for(language.english_name) == language.code, language.code


@pytest.mark.parametrize(("name", "code"), [
    ("polski", "pl"), ("Polish", "pl"), ("polaco", "pl"), ("Lehçe", "pl"), ("română", "ro"),
    ("romana", "ro"), ("বাংলা", "bn"), ("Bangla", "bn"), ("اردو", "ur"), ("Soomaali", "so"),
    ("ਪੰਜਾਬੀ", "pa"), ("العربية", "ar"), ("Türkçe", "tr"), ("español", "es"),
    ("português", "pt"), ("Farsi", "fa"), ("Dari", "fa_AF"), ("Twi", "ak"),
])
def test_language_names(name, code):
    found = match_navigation(name)
    assert found is not None
    assert (found.intent, found.entity, found.value) == ("change_language", "language", code)


@pytest.mark.parametrize("text", [
    "I want to see the menu", "help me with my compensation claim", "stop the car", "hello",
])
def test_sentences_are_left_to_the_model(text):
    assert match_navigation(text) is None
