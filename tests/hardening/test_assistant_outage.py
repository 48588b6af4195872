"""The assistant's own processes fail in the middle of a referral: the Rasa server(s), then the
action server. On the whole stack (both modes), through the signed SMS webhook and the emulator.

What must hold: the victim is never left in silence (the support line at once), a
text that came while Rasa was down is answered when it returns, and the referral in progress is
not lost: the answers given before the outage are in the referral made after it.
"""

from __future__ import annotations

import time

import pytest

from referrals.needs import QUESTIONS, Kind
from tests.assistant.test_e2e_polish import Phone, _manage_json
from tests.stack import RunningStack, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.stack, pytest.mark.timeout(1500)]
PHONE = "+447700900654"
SUPPORT_LINE = "not available just now"
ANSWERS = {Kind.YES_NO: "yes", Kind.CHOICE: "2"}  # "2" = call, easy read, practical …
REFERRAL_QUERY = f"PHONE = {PHONE!r}\n" + """
import json
from messaging.crypto import contact_index
from messaging.models import InboundMessage, Recipient
from referrals.models import Referral
victim = Recipient.objects.get(phone_index=contact_index(PHONE))
referral = Referral.objects.select_related("consent", "needs").get(recipient=victim)
print(json.dumps({"decision": referral.consent.decision,
    "answers": referral.needs_snapshot["answers"],
    "inbound": sorted(InboundMessage.objects.filter(recipient=victim)
                      .values_list("status", flat=True).distinct())}))
"""


def _report(title: str, **figures: object) -> None:
    print(f"\n[fault] {title}")  # noqa: T201 (the figures are the output)
    for name, value in figures.items():
        print(f"    {name}: {value}")  # noqa: T201


def _answer(kind: Kind) -> str:
    return ANSWERS.get(kind, "0")  # "0" skips a free-text, phone or time question


def _rasa_names(stack: RunningStack) -> list[str]:
    return [name for name in stack.processes if name == "rasa" or name.startswith("rasa-")]


def _stop(stack: RunningStack, names: list[str]) -> None:
    for name in names:
        stack.processes[name].terminate()
    for name in names:
        stack.processes[name].wait(timeout=30)


def _assistant_up(stack: RunningStack) -> bool:
    status, body = stack.get_json(f"{stack.config.web_url}/healthz")
    return status == 200 and bool(body["processes"]["rasa"]["up"])


def _wait_for_texts(phone: Phone, before: int, what: str, timeout_s: float = 60) -> list[str]:
    wait_for(lambda: phone.received()[before:], timeout_s=timeout_s, what=what)
    time.sleep(1.5)  # a turn may send several texts
    return phone.received()[before:]


def test_a_referral_survives_the_assistant_going_down_in_the_middle(stack: RunningStack) -> None:
    wait_for(lambda: stack.get_json(f"{stack.config.web_url}/healthz")[0] == 200,
             what="every process up")
    phone = Phone(stack, number=PHONE)
    assert phone.text("english")
    phone.text("menu")
    assert phone.text("3")  # "Get support": the needs assessment starts
    first, second, third, *rest = QUESTIONS
    phone.text(_answer(first.kind))
    phone.text(_answer(second.kind))

    # 1. Every Rasa server stops: the text is stored, the support line goes out at once, and
    #    the text is answered (the next question) once Rasa is back.
    rasa = _rasa_names(stack)
    _stop(stack, rasa)
    started = time.monotonic()
    during = phone.text(_answer(third.kind))
    support_after = time.monotonic() - started
    assert len(during) == 1
    assert SUPPORT_LINE in during[0]
    assert "999" in during[0]
    before = len(phone.received())
    for name in rasa:
        stack.restart(name)
    wait_for(lambda: _assistant_up(stack), what="Rasa up again")
    back_after = time.monotonic() - started
    answered = _wait_for_texts(phone, before, "the held text answered", timeout_s=900)
    answered_after = time.monotonic() - started
    assert not any(SUPPORT_LINE in text for text in answered), answered

    # 2. The action server stops: Rasa answers with nothing, so the support line again; the
    #    victim repeats the answer once it is back, and the assessment goes on where it was.
    fourth, *rest = rest
    _stop(stack, ["actions"])
    silent = phone.text(_answer(fourth.kind))
    assert len(silent) == 1
    assert SUPPORT_LINE in silent[0]
    stack.restart("actions")
    wait_for(lambda: stack.get_json(f"{stack.config.web_url}/healthz")[0] == 200,
             what="the action server up again")
    assert phone.text(_answer(fourth.kind))
    for question in rest:
        phone.text(_answer(question.kind))
    assert phone.text("yes")  # consent: yes
    done = phone.text("yes")  # confirmed
    assert any("R-" in text for text in done), done

    referral = _manage_json(stack, REFERRAL_QUERY)
    _report("assistant processes down mid-referral",
            injected=f"{len(rasa)} Rasa server(s) stopped after 2 of {len(QUESTIONS)} answers, "
                     "restarted; then the action server stopped and restarted",
            support_line_after_s=round(support_after, 1),
            rasa_back_after_s=round(back_after, 1),
            held_text_answered_after_s=round(answered_after, 1),
            replies_to_the_held_text=len(answered),
            referral_consent=referral["decision"],
            inbound_statuses=referral["inbound"])
    assert referral["decision"] == "given"
    answers = referral["answers"]
    assert answers[first.key] == first.options[1]  # given before the outage
    assert answers[second.key] == "yes"  # given before the outage
    assert answers[QUESTIONS[-1].key] == "yes"  # given after it
