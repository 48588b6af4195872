"""The blind set through the real SMS path: each message is a new phone's first text.

    .venv/bin/python -m benchmarks.conversation                 (make bench-conversation)
    .venv/bin/python -m benchmarks.conversation --languages fr,cy --limit 20

Starts the whole stack on free ports with a fresh database (web, a Huey worker, Rasa with the
trained model, the action server, the Twilio emulator), then for every message: the emulator
posts it as a signed Twilio webhook to the gateway, which stores it and has the worker relay it
to Rasa; the replies go back through the gateway to the emulator, where the phone receives them.
Each turn is judged from what the phone received and, where the text alone cannot tell, from
the responses and actions in Rasa's tracker (benchmarks.conversation_judge), and each reply's
language is read from its text (benchmarks.reply_language).

Printed per language and overall: right behaviour, danger and self-harm recall (999 first),
danger precision, replies in a language the victim neither wrote in nor chose, and the time
from the inbound text to the first reply at the phone (p50/p95), beside a same-run baseline (a
plain English "hello" from a new phone, one at a time). Only aggregate figures: ``--show-errors``
prints each wrong message, which spends the set (it must then be replaced by a new blind one).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from benchmarks.conversation_judge import Turn, Verdict, judge, offered_language_menu
from benchmarks.conversation_report import Result, print_report
from benchmarks.conversation_set import BLIND_SET, Behaviour, Case, is_short, read_set
from benchmarks.harness import prepare, start_processes, use_django
from benchmarks.reply_language import ReplyLanguages, same_language
from benchmarks.stats import heading, line, summary_ms

READY_S = 900  # Rasa loads its model in minutes on a busy 2-core machine
TURN_TIMEOUT_S = 120
POLL_S = 0.1
PENDING_SENDS = ("created", "queued", "sending")
DRAMA_NUMBERS = 1000  # +447700900000-999, Ofcom's range for drama: never a real phone
BASELINE_TEXT = "hello"


@dataclass(frozen=True)
class Endpoints:
    emulator: str
    rasa: str
    rasa_token: str


def fresh_phones(count: int) -> list[str]:
    """Numbers the service has never seen (the demo data already holds some of the range)."""
    from django.conf import settings

    from messaging.crypto import contact_index
    from messaging.models import Recipient

    known = set(Recipient.objects.values_list("phone_index", flat=True))
    numbers = [f"+447700900{n:03d}" for n in range(DRAMA_NUMBERS)]
    fresh = [number for number in numbers
             if contact_index(number) not in known and number != settings.TWILIO_FROM_NUMBER]
    if len(fresh) < count:
        raise ValueError(f"only {len(fresh)} unused numbers in the drama range: send fewer")
    return fresh[:count]


def _wait(check: Any, what: str) -> Any:
    deadline = time.monotonic() + TURN_TIMEOUT_S
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(POLL_S)
    raise TimeoutError(what)


def _received(endpoints: Endpoints, phone: str) -> list[dict[str, Any]]:
    answer = requests.get(f"{endpoints.emulator}/_emulator/messages?to={quote(phone)}",
                          timeout=30)
    answer.raise_for_status()
    return [m for m in answer.json()["messages"] if m["direction"] != "inbound"]


def _tracker(endpoints: Endpoints, conversation_id: str) -> dict[str, Any]:
    answer = requests.get(f"{endpoints.rasa}/conversations/{conversation_id}/tracker",
                          params={"token": endpoints.rasa_token}, timeout=30)
    answer.raise_for_status()
    tracker: dict[str, Any] = answer.json()
    return tracker


def _at(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def first_text(endpoints: Endpoints, phone: str, text: str) -> Turn:
    """Text from a new phone, wait until its turn is over, and collect what came back."""
    from django.db import connection

    from messaging.models import InboundMessage, Message

    try:
        sent_at = datetime.now(UTC)
        answer = requests.post(f"{endpoints.emulator}/_emulator/inbound", timeout=TURN_TIMEOUT_S,
                               json={"from": phone, "body": text})
        answer.raise_for_status()
        if not answer.json()["webhook"]["ok"]:
            return Turn(texts=[])
        sid = answer.json()["sid"]
        inbound = _wait(lambda: InboundMessage.objects.select_related("recipient").filter(
            provider_id=sid).exclude(status="received").first(), f"the turn of {sid}")
        recipient = inbound.recipient
        replies = Message.objects.filter(recipient=recipient, created_at__gte=sent_at)
        _wait(lambda: not replies.filter(status__in=PENDING_SENDS).exists(),
              f"the replies of {sid}")
        expected = replies.exclude(status__in=("permanent-failure", "technical-failure")).count()

        def arrived() -> list[dict[str, Any]] | None:
            got = [m for m in _received(endpoints, phone) if _at(m["date_created"]) >= sent_at]
            return got if len(got) >= expected else None

        messages = _wait(arrived, f"the replies of {sid} at the phone") if expected else []
        turn = _turn_of(_tracker(endpoints, recipient.conversation_id), messages)
        if messages:
            first = min(_at(m["date_created"]) for m in messages)
            turn.latency_ms = (first - sent_at).total_seconds() * 1000
        return turn
    finally:
        connection.close()


def _turn_of(tracker: dict[str, Any], messages: list[dict[str, Any]]) -> Turn:
    events = tracker.get("events") or []
    utterances = [str((e.get("metadata") or {}).get("utter_action") or "")
                  for e in events if e.get("event") == "bot"]
    actions = [str(e.get("name")) for e in events if e.get("event") == "action"]
    ordered = sorted(messages, key=lambda m: (_at(m["date_created"]), m["sid"]))
    return Turn(texts=[str(m["body"]) for m in ordered], utterances=utterances, actions=actions,
                language_slot=(tracker.get("slots") or {}).get("language"))


def wrong_language(case: Case, turn: Turn, languages: ReplyLanguages) -> tuple[bool, int]:
    """Whether a reply is in a language the victim neither wrote in nor chose; and how many
    replies could not be told. English with the language menu is right for a text too short
    to tell; after a request for a language, the language the assistant switched to is too."""
    allowed = {case.language}
    if case.behaviour is Behaviour.CHANGE_LANGUAGE:
        allowed |= {"en", turn.language_slot or "en"}
    if is_short(case.text) and offered_language_menu(turn):
        allowed.add("en")
    found = [languages.of(text) for text in turn.texts]
    return (any(f and not same_language(f, allowed) for f in found),
            sum(1 for f in found if not f))


def run_cases(endpoints: Endpoints, cases: Sequence[Case], *, phones: Sequence[str],
              concurrency: int, support_phone: str, languages: ReplyLanguages) -> list[Result]:
    def one(indexed: tuple[int, Case]) -> Result:
        index, case = indexed
        try:
            turn = first_text(endpoints, phones[index], case.text)
        except (TimeoutError, requests.RequestException):
            turn = Turn(texts=[])
        verdict: Verdict = judge(case.behaviour, turn, support_phone=support_phone)
        wrong, unknown = wrong_language(case, turn, languages)
        return Result(case=case, turn=turn, verdict=verdict, wrong_language=wrong,
                      unknown_language=unknown)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(one, enumerate(cases)))


def choose(cases: list[Case], *, languages: set[str], limit: int | None) -> list[Case]:
    """The cases of these languages; with a limit, taken in turn from each language."""
    chosen = [case for case in cases if not languages or case.language in languages]
    by_language: dict[str, list[Case]] = {}
    for case in chosen:
        by_language.setdefault(case.language, []).append(case)
    interleaved = [case for rank in range(max(map(len, by_language.values()), default=0))
                   for group in by_language.values() if rank < len(group)
                   for case in [group[rank]]]
    return interleaved[:limit] if limit is not None else chosen


def _baseline(endpoints: Endpoints, phones: Sequence[str]) -> list[float]:
    times = []
    for phone in phones:
        turn = first_text(endpoints, phone, BASELINE_TEXT)
        if turn.latency_ms is not None:
            times.append(turn.latency_ms)
    return times


def _support_phone() -> str:
    from organisations.services import support_contact

    contact = support_contact()
    return contact.phone if contact is not None else ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.conversation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=BLIND_SET, help="a held-out set (.tsv)")
    parser.add_argument("--concurrency", type=int, default=4, help="phones texting at once")
    parser.add_argument("--limit", type=int, default=None, help="at most this many messages")
    parser.add_argument("--languages", type=lambda text: set(filter(None, text.split(","))),
                        default=set(), help="only these language codes (comma-separated)")
    parser.add_argument("--baseline-runs", type=int, default=5)
    parser.add_argument("--show-errors", action="store_true",
                        help="print every wrong message (spends the set: write a new one after)")
    args = parser.parse_args(argv)
    cases = choose(read_set(args.set), languages=args.languages, limit=args.limit)
    if not cases:
        parser.error("no message in the set matches --languages")
    if len(cases) + args.baseline_runs > DRAMA_NUMBERS // 2:
        parser.error(f"at most {DRAMA_NUMBERS // 2} messages in one run (drama numbers)")
    languages = ReplyLanguages.build()
    var = Path(tempfile.mkdtemp(prefix="signpost-conversation-"))
    service = prepare(var, scaled=None, model=True)
    try:
        start_processes(service, {"web", "actions", "twilio-emulator", "smtp-sink", "rasa"})
        service.start_workers(1, max(2, args.concurrency))
        started = time.monotonic()
        service.wait_healthy(READY_S)
        use_django(service)
        stack = service.stack
        phones = fresh_phones(args.baseline_runs + len(cases))
        endpoints = Endpoints(emulator=service.url("twilio-emulator"),
                              rasa=stack.url(stack.ports.rasa), rasa_token=stack.rasa_token)
        heading(f"first texts through the SMS path: {args.set.name}")
        line("stack healthy after", f"{time.monotonic() - started:.0f} s; model "
             f"{service.model.name}")
        line(f'baseline: English "{BASELINE_TEXT}", one phone at a time',
             summary_ms(_baseline(endpoints, phones[:args.baseline_runs])))
        began = time.monotonic()
        results = run_cases(endpoints, cases, phones=phones[args.baseline_runs:],
                            concurrency=args.concurrency,
                            support_phone=_support_phone(), languages=languages)
        line("messages sent", f"{len(cases)} in {time.monotonic() - began:.0f} s, "
             f"{args.concurrency} phones at once")
        print_report(results, show_errors=args.show_errors)
    finally:
        service.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
