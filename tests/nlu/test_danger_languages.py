"""Danger and self-harm are recognised in every leaflet language, and safe messages are not."""

from __future__ import annotations

import pytest

from assistant.nlu.danger import DangerKind, danger_languages, danger_match, lexicon
from benchmarks.safety_cases import CASES_2_TSV, SafetyCase, leaflet_languages, safety_cases

CASES = safety_cases()
# The second set was written before the lexicons were tuned on it, by the same hand.
CASES_2 = safety_cases(CASES_2_TSV)
DANGER_KINDS = {"danger", "self_harm"}


def _id(case: SafetyCase) -> str:
    return f"{case.language}-{case.kind}"


def test_every_leaflet_language_has_a_threat_a_self_harm_and_a_leaflet_request():
    for code in leaflet_languages():
        kinds = {case.kind for case in CASES if case.language == code}
        assert kinds >= {"danger", "self_harm", "leaflet"}, code


def test_every_leaflet_language_has_patterns_of_both_kinds():
    has = {(p.language, p.kind) for p in lexicon() if not p.negation}
    for code in leaflet_languages():
        lexicon_code = "en" if code == "en-easy" else code
        assert (lexicon_code, DangerKind.DANGER) in has, code
        assert (lexicon_code, DangerKind.SELF_HARM) in has, code


def test_set_2_has_threats_self_harm_and_safe_messages_in_every_leaflet_language():
    for code in leaflet_languages():
        kinds = [case.kind for case in CASES_2 if case.language == code]
        assert kinds.count("danger") >= 5, code
        assert kinds.count("self_harm") >= 3, code
        assert kinds.count("safe") >= 4, code


@pytest.mark.parametrize("case", [c for c in CASES if c.kind in DANGER_KINDS], ids=_id)
def test_a_threat_or_self_harm_is_recognised_as_its_kind(case):
    found = danger_match(case.text)
    assert found is not None, case.text
    assert found.kind == case.kind, (case.text, found.pattern)


@pytest.mark.parametrize("case", [c for c in CASES if c.kind not in DANGER_KINDS], ids=_id)
def test_a_safe_message_is_not_taken_for_danger(case):
    found = danger_match(case.text)
    assert found is None, (case.text, found and found.pattern)


@pytest.mark.parametrize("text", [
    "I'm afraid to report it", "tenho medo de denunciar", "bildirmekten korkuyorum",
    "mi-e frică să raportez", "j'ai peur de porter plainte", "ich habe Angst, zur Polizei zu gehen",
])
def test_fear_of_reporting_is_not_danger(text):
    assert danger_match(text) is None



def _lexicon_code(language: str) -> str:
    base = language.removesuffix("-Latn")
    return {"en-easy": "en", "zh": "zh_Hans"}.get(base, base)


def _put_down_to_one_other_language(case: SafetyCase) -> bool:
    # The words of exactly one language decide the reply's language (components.py), so a threat
    # must not match only another language's words.
    languages = danger_languages(case.text) - {"en", "*"}
    code = _lexicon_code(case.language)
    return code != "en" and len(languages) == 1 and code not in languages


def test_no_threat_of_set_1_is_put_down_to_one_other_language():
    wrong = [c.text for c in CASES if c.kind in DANGER_KINDS and _put_down_to_one_other_language(c)]
    assert wrong == []


# Set 2 is checked one language at a time (about 870 messages): the same three checks, cheaper.
@pytest.mark.parametrize("language", sorted({c.language for c in CASES_2}))
def test_set_2_is_recognised_and_safe_messages_are_not_flagged(language):
    wrong = []
    for case in (c for c in CASES_2 if c.language == language):
        found = danger_match(case.text)
        if case.kind in DANGER_KINDS:
            if found is None or found.kind != case.kind or _put_down_to_one_other_language(case):
                wrong.append((case.kind, case.text, found and found.pattern))
        elif found is not None:
            wrong.append((case.kind, case.text, found.pattern))
    assert wrong == []
