"""Yes and no in every language: the words people text to answer a question (keywords.tsv)."""
# ruff: noqa: RUF001  (yes and no in Greek, Turkish and Cyrillic on purpose)

from __future__ import annotations

import pytest

from assistant.nlu.keywords import keyword_table, match_navigation


@pytest.mark.parametrize(
    ("text", "intent"),
    [("yes", "affirm"), ("No", "deny"), ("tak", "affirm"), ("NIE", "deny"), ("ΝΑΙ", "affirm"),
     ("όχι", "deny"), ("evet", "affirm"), ("hayır", "deny"), ("Igen", "affirm"), ("нет", "deny"),
     ("sí", "affirm"), ("non", "deny")],
)
def test_yes_and_no_words_are_answers(text: str, intent: str) -> None:
    match = match_navigation(text)
    assert match is not None
    assert match.intent == intent


@pytest.mark.parametrize("ambiguous", ["ne", "jo", "nai", "en"])
def test_a_word_that_is_yes_in_one_language_and_no_in_another_is_left_to_the_model(
        ambiguous: str) -> None:
    assert match_navigation(ambiguous) is None


def test_every_language_with_a_catalog_has_answer_words() -> None:
    from i18n.languages import all_languages

    languages_with = {code for keyword in keyword_table().values()
                      if keyword.intent in ("affirm", "deny") for code in keyword.languages}
    missing = {lang.code for lang in all_languages()} - languages_with - {"en"}
    assert not missing, f"no yes/no words for {sorted(missing)}"
