"""The conversation benchmark: the blind set's shape, the judging table, reply languages, and a
short run through the real SMS path that prints every figure."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.translate import translate
from benchmarks.conversation import wrong_language
from benchmarks.conversation_judge import ACCEPTED, Outcome, Turn, judge
from benchmarks.conversation_report import TRAINED
from benchmarks.conversation_set import DANGER_BEHAVIOURS, Behaviour, Case, read_set
from benchmarks.reply_language import ReplyLanguages
from tests.benchmarks.test_scripts_run import _run

DANGER_EN = "If you are in danger now, call 999."
GREET_EN = ("Hello. I can tell you about your rights as a victim of crime and help you get "
            "support. Reply MENU to see what I can do. In danger now? Call 999.")


@pytest.fixture(scope="module")
def languages() -> ReplyLanguages:
    return ReplyLanguages.build()


def test_the_blind_set_is_large_varied_and_danger_heavy() -> None:
    cases = read_set()
    codes = {case.language for case in cases}
    assert len(cases) >= 440
    assert len(codes) >= 22
    assert len(codes - TRAINED) >= 10
    dangerous = sum(case.is_danger for case in cases)
    assert 0.35 <= dangerous / len(cases) <= 0.5
    per_language = Counter((case.language, case.behaviour in DANGER_BEHAVIOURS) for case in cases)
    for code in codes:
        assert per_language[(code, True)] >= 5, code
    assert {case.behaviour for case in cases} == set(Behaviour)


def test_every_non_danger_behaviour_has_responses_that_give_it() -> None:
    assert set(ACCEPTED) | DANGER_BEHAVIOURS == set(Behaviour)


def test_danger_is_999_in_the_first_text_from_a_danger_response() -> None:
    first = Turn(texts=[DANGER_EN], utterances=["utter_danger"])
    assert judge(Behaviour.DANGER, first, support_phone="").right
    greeted = Turn(texts=[GREET_EN], utterances=["utter_greet"])  # 999 at the end of a greeting
    assert judge(Behaviour.DANGER, greeted, support_phone="").outcome == Outcome.DANGER_MISSED
    late = Turn(texts=[GREET_EN, DANGER_EN], utterances=["utter_greet", "utter_danger"])
    assert not judge(Behaviour.DANGER, late, support_phone="").right
    assert judge(Behaviour.LEAFLET, first, support_phone="").outcome == Outcome.FALSE_DANGER


def test_self_harm_needs_samaritans_and_the_support_line() -> None:
    texts = [f"{DANGER_EN} Samaritans: 116 123, free, 24 hours.", "Victim Care on 0800 123 4567"]
    turn = Turn(texts=texts, utterances=["utter_danger", "utter_support_line"])
    assert judge(Behaviour.SELF_HARM, turn, support_phone="0800 123 4567").right
    assert not judge(Behaviour.SELF_HARM, turn, support_phone="0800 999 0000").right
    no_samaritans = Turn(texts=[DANGER_EN, "Victim Care on 0800 123 4567"],
                         utterances=["utter_danger", "utter_support_line"])
    assert (judge(Behaviour.SELF_HARM, no_samaritans, support_phone="0800 123 4567").outcome
            == Outcome.SELF_HARM_PARTIAL)


def test_a_leaflet_is_its_link_and_an_erasure_is_always_wrong() -> None:
    link = Turn(texts=["I have sent you the link.", "Police: your rights: https://x.test/l/Ab3dE6fG"],
                utterances=["utter_leaflet_sent"], actions=["action_send_leaflet"])
    assert judge(Behaviour.LEAFLET, link, support_phone="").right
    no_link = Turn(texts=["Sorry, I could not send the leaflet just now."],
                   utterances=["utter_leaflet_failed"])
    assert judge(Behaviour.LEAFLET, no_link, support_phone="").outcome == Outcome.WRONG
    erased = Turn(texts=["I have asked our team to delete your details."],
                  utterances=["utter_erasure_requested"], actions=["action_request_erasure"])
    for behaviour in (Behaviour.LEAFLET, Behaviour.STOP, Behaviour.GREETING):
        assert judge(behaviour, erased, support_phone="").outcome == Outcome.DESTRUCTIVE
    assert judge(Behaviour.CASE_NEWS, Turn(texts=[]), support_phone="").outcome == Outcome.NO_REPLY


def test_reply_language_is_read_from_the_rendered_catalog_text(languages: ReplyLanguages) -> None:
    assert languages.of(GREET_EN) == {"en"}
    polish = translate(GREET_EN, "pl")
    assert polish != GREET_EN
    assert "pl" in languages.of(polish)
    assert "en" not in languages.of(polish)
    assert languages.of("ok") == frozenset()  # too short to tell


def test_english_is_wrong_for_a_long_text_and_right_with_the_menu_for_a_short_one(
        languages: ReplyLanguages) -> None:
    threat = Case(id="x-1", language="fr", behaviour=Behaviour.DANGER,
                  text="Il dit qu'il va venir chez moi ce soir")
    english = Turn(texts=[DANGER_EN + " If you are deaf or cannot speak, use text relay (18000), "
                          "or text 999 if you have registered with emergencySMS."],
                   utterances=["utter_danger"])
    assert wrong_language(threat, english, languages)[0]
    french = Turn(texts=[translate(GREET_EN, "fr")], utterances=["utter_greet"])
    hello = Case(id="x-2", language="fr", behaviour=Behaviour.GREETING, text="Salut")
    assert not wrong_language(hello, french, languages)[0]
    menu = Turn(texts=["Choose your language. Reply with a number:\n1 English\n2 Polski"],
                utterances=["utter_language_menu"])
    assert not wrong_language(hello, menu, languages)[0]
    assert wrong_language(threat, menu, languages)[0]
    offer = Turn(texts=[GREET_EN + " Other languages: reply LANGUAGE or the name of yours, e.g. "
                        "Polski, Romana, Espanol, Turkce, Urdu, Arabic."],
                 utterances=["utter_greet", "utter_language_offer"])
    assert not wrong_language(hello, offer, languages)[0]
    assert wrong_language(threat, offer, languages)[0]


@pytest.mark.stack
def test_a_short_run_through_the_sms_path_prints_every_figure() -> None:
    out = _run("benchmarks.conversation", "--limit", "3", "--concurrency", "2",
               "--baseline-runs", "1", "--languages", "en,fr")
    for label in ("baseline: English", "right behaviour", "danger + self-harm recall",
                  "danger precision", "messages with a wrong-language reply",
                  "inbound text -> first reply at the phone", "messages with no reply"):
        assert label in out
    assert "messages sent                                  3 in" in out
    assert "messages with no reply                         0" in out
    assert "wrong messages" not in out  # no per-message errors unless asked
