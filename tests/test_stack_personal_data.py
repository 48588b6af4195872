"""A victim's number, email address and name, typed to the assistant by text and in the web
chat on the real stack (web, worker, Rasa, action server), are afterwards nowhere in plain text:
not in any column of any table, not in a decoded session, not in Rasa's tracker store, not in any
file under the stack's var/ (its databases as files, the queue, the logs)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.assistant.test_e2e_polish import Phone, _manage_json
from tests.stack import RunningStack, wait_for

pytestmark = pytest.mark.stack

NAME, NUMBER, EMAIL = "Ifeoma Nwachukwu", "07700 900456", "ifeoma.nwachukwu@example.org"
# What must not rest anywhere: the name's parts in any case, the number's digits as typed,
# without spaces or in international form (each holds "900456"), the address (holds the name).
NEEDLES = ["ifeoma", "nwachukwu", "900456", "900 456"]
VICTIM = "+447700900478"
MAX_STEPS = 25
# Written by the development stand-ins for the providers, not by Signpost: the emulators and the
# SMTP sink keep and log what they were sent, as the real provider would.
STAND_IN_LOGS = ("twilio-emulator.log", "notify-emulator.log", "smtp-sink.log")
STAND_IN_STATE = "emulators"


def _answer(asked: str) -> str:
    """What the victim replies to the assistant's last question (the form asks some questions
    only after some answers, so the replies follow what was asked, not a fixed list)."""
    for cue, reply in (("safe to text you on", NUMBER), ("When is it safe", "evenings"),
                       ("AGREE or NO", "AGREE"), ("CORRECT or NO", "CORRECT"),
                       ("Y or N", "Y"), ("\n1 ", "1")):
        if cue in asked:
            return reply
    raise AssertionError(f"an unexpected question: {asked!r}")


def _sms_journey(stack: RunningStack) -> None:
    phone = Phone(stack, number=VICTIM)
    assert phone.text("English")  # a name alone may read as another language (Yoruba, here)
    assert phone.text(f"hello, my name is {NAME}")
    said = phone.text("I want support")
    for _ in range(MAX_STEPS):
        if any("R-" in text for text in said):
            break
        said = phone.text(_answer(said[-1]))
    else:
        raise AssertionError(f"no referral after {MAX_STEPS} answers: {said}")
    assert phone.text(f"thank you. my email is {EMAIL} if they need it")


def _chat_journey(stack: RunningStack) -> str:
    """The web chat as a browser without JavaScript uses it: the page, its CSRF token, posts."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{stack.config.web_url}/chat/en/"
    page: str = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, page[:500]
    for message in (f"I'm {NAME}", f"text me on {NUMBER} or mail {EMAIL}"):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1),
                                       "message": message}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        page = str(opener.open(request, timeout=120).read().decode())
    return page


def _files_holding(var_dir: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in var_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(var_dir)
        if relative.parts[0] == STAND_IN_STATE or (
                relative.parts[0] == "logs" and path.name in STAND_IN_LOGS):
            continue
        data = path.read_bytes().decode("utf-8", "replace").lower()
        hits = [needle for needle in NEEDLES if needle in data]
        if hits:
            found[str(relative)] = hits
    return found


def test_a_journey_leaves_no_typed_number_address_or_name_in_plain_text(
        stack: RunningStack) -> None:
    wait_for(lambda: stack.get_json(f"{stack.config.web_url}/healthz")[0] == 200,
             timeout_s=900, what="every process up (Rasa loads its model slowly under load)")
    _sms_journey(stack)
    page = _chat_journey(stack)
    assert NAME in page  # the victim still sees what they typed
    assert EMAIL in page

    referral = _manage_json(stack, (  # the victim's own (the demo's activity runs beside)
        "import json\nfrom messaging.crypto import contact_index\n"
        "from referrals.models import Referral\n"
        f"r = Referral.objects.select_related('needs').get(recipient__phone_index="
        f"contact_index('{VICTIM}'))\n"
        "print(json.dumps({'safe': r.needs.safe_recipient.phone if r.needs and "
        "r.needs.safe_recipient else '', 'times': r.needs.answers.get('safe_times', '')}))"))
    assert referral["safe"] == "+447700900456"  # the action got the real number, kept encrypted
    assert referral["times"] == "evenings"

    found = _manage_json(stack, "from tests.hardening.personal_scan import main\n"
                                f"main({NEEDLES!r})")
    scanned = found.pop("_scanned")
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    assert scanned
    assert _files_holding(stack.config.var_dir) == {}
