"""End to end through the SMS webhook and a provider's emulator, in Polish, on each provider.

A victim texts in Polish, gets the leaflet link in Polish, completes the needs assessment,
consents to referral (the referral and its consent record are then readable through
``referrals`` services), texts STOP, and gets nothing more. The force's settings choose the
provider (Twilio, or GOV.UK Notify): one stack runs both emulators.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from i18n.catalogs import catalog
from leaflets.content import TEXTS
from referrals.consent import CURRENT_VERSION
from referrals.needs import QUESTIONS, Kind
from signpost.launcher.stack import REPO
from tests.stack import RunningStack, wait_for

pytestmark = pytest.mark.stack
PHONES = {"twilio": "+447700900321", "notify": "+447700900322"}  # one victim per provider
REFERRAL_QUERY = """
import json
from messaging.crypto import contact_index
from messaging.models import Recipient
from referrals.models import Referral
victim = Recipient.objects.get(phone_index=contact_index("%(phone)s"))
referral = Referral.objects.select_related("consent", "needs").get(recipient=victim)
print(json.dumps({"status": referral.status, "source": referral.source,
    "language": referral.language, "decision": referral.consent.decision,
    "consent_language": referral.consent.language, "channel": referral.consent.channel,
    "wording": referral.consent.wording_version, "target": referral.target.name,
    "needs_completed": referral.needs.completed if referral.needs else None,
    "answers": referral.needs_snapshot["answers"]}))
"""


class Phone:
    """A phone texting the service through the provider's emulator."""

    def __init__(self, stack: RunningStack, provider: str = "twilio",
                 number: str | None = None) -> None:
        self.stack = stack
        self.provider = provider
        self.number = number or PHONES[provider]
        port = (stack.config.ports.twilio_emulator if provider == "twilio"
                else stack.config.ports.notify_emulator)
        self.emulator = stack.config.url(port)

    def received(self) -> list[str]:
        if self.provider == "notify":
            status, body = self.stack.get_json(f"{self.emulator}/_emulator/notifications")
            assert status == 200
            return [n["body"] for n in reversed(body["notifications"])
                    if n["phone_number"] == self.number]
        status, body = self.stack.get_json(
            f"{self.emulator}/_emulator/messages?to={quote(self.number)}&limit=1000")
        assert status == 200
        return [message["body"] for message in body["messages"]]

    def text(self, body: str, *, expect_reply: bool = True) -> list[str]:
        before = len(self.received())
        status, result = self.stack.post_json(f"{self.emulator}/_emulator/inbound",
                                              {"from": self.number, "body": body})
        assert status == 200
        if self.provider == "notify":
            assert result["http_status"] == 204, result
        else:
            assert result["webhook"]["ok"], result
        if not expect_reply:
            time.sleep(5)
            return self.received()[before:]
        wait_for(lambda: self.received()[before:], timeout_s=60, what=f"a reply to {body!r}")
        time.sleep(1.5)  # a turn may send several texts
        return self.received()[before:]


def _manage_json(stack: RunningStack, code: str) -> Any:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(stack.config.env())  # as tests/stack.py starts the processes
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env, cwd=REPO,
                         check=True, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _answer(question_kind: Kind) -> str:
    return {Kind.YES_NO: "tak", Kind.CHOICE: "1"}.get(question_kind, "0")


def _use_provider(stack: RunningStack, provider: str) -> None:
    """The demo force sends its texts through ``provider`` (its setting, as staff would set it)."""
    _manage_json(stack, "import json\nfrom organisations.models import Organisation\n"
                        "print(json.dumps(Organisation.objects.filter(kind='force')"
                        f".update(sms_provider='{provider}')))")


@pytest.fixture(params=["twilio", "notify"])
def provider(request: pytest.FixtureRequest, stack: RunningStack) -> Iterator[str]:
    _use_provider(stack, request.param)
    try:
        yield str(request.param)
    finally:
        _use_provider(stack, "")


def test_a_victim_in_polish_from_leaflet_to_referral_then_stop(stack: RunningStack,
                                                               provider: str) -> None:
    last: list[Any] = []

    def healthy() -> Any:
        status, body = stack.get_json(f"{stack.config.web_url}/healthz")
        last[:] = [body]
        return body if status == 200 else None

    try:
        health = wait_for(healthy, what="every process up")
    except TimeoutError as error:
        raise AssertionError(f"not every process up: {last}") from error
    assert health["providers"]["sms"] == provider
    phone = Phone(stack, provider)
    assert phone.text("polski")  # the language, by its own name
    leaflet = phone.text("ulotka")
    sms = catalog("pl").text(TEXTS.sms, force_name="", link="").split("%")[0][:20]
    link_texts = [text for text in leaflet if "/l/" in text]
    assert link_texts, leaflet
    assert sms[:12] in link_texts[0]  # the leaflet's own SMS, in Polish

    phone.text("menu")
    asked = phone.text("3")  # "Get support": the needs assessment starts
    assert asked
    for question in QUESTIONS:
        phone.text(_answer(question.kind))
    confirm = phone.text("tak")  # consent: yes
    assert confirm
    done = phone.text("tak")  # confirmed
    assert any("R-" in text for text in done), done

    referral = _manage_json(stack, REFERRAL_QUERY % {"phone": phone.number})
    assert referral["decision"] == "given"
    assert referral["consent_language"] == "pl"
    assert referral["channel"] == "sms"
    assert referral["wording"] == CURRENT_VERSION
    assert referral["language"] == "pl"
    assert referral["needs_completed"] is True
    assert referral["target"] == "Northbridge Victim Care (demo)"
    assert referral["answers"]["afraid"] == "yes"

    # The gateway opts the number out; Twilio confirms its own word, for Notify we do.
    assert phone.text("STOP")
    assert phone.text("menu", expect_reply=False) == []
