"""Run inside a fault test's stack (its environment, its database): request a burst of sends,
or count what the database holds. Prints one JSON line. Not part of the service."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from typing import Any


def _setup() -> None:
    import django

    django.setup()


def burst(count: int, channel: str, prefix: str, phones: int, start: int = 0,
          first_phone: int = 0) -> dict[str, Any]:
    """Request ``count`` sends as fast as possible, numbered from ``start``, to ``phones``
    numbers from +447700900``first_phone``; ids of those accepted, and refusals."""
    from django.db import DatabaseError, close_old_connections

    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    accepted: list[str] = []
    refused = 0
    started = time.monotonic()
    for n in range(start, start + count):
        to = (f"+447700900{first_phone + n % phones:03d}" if channel == "sms"
              else f"burst{n % phones}@example.org")
        try:
            message = request_send(
                channel=Channel(channel), to=to,
                content=Content(template="fault-test", language="en",
                                text=f"{prefix} message {n:05d}", subject=f"{prefix} {n}"),
                idempotency_key=f"{prefix}:{n}", origin=Origin.SYSTEM)
        except DatabaseError:
            refused += 1  # the request failed: the caller saw an error, nothing was accepted
            close_old_connections()
            time.sleep(0.2)
            continue
        accepted.append(str(message.pk))
    return {"accepted": accepted, "refused": refused, "seconds": time.monotonic() - started}


def statuses(prefix: str) -> dict[str, Any]:
    from messaging.models import DeliveryEvent, Message
    from messaging.statuses import FINAL

    mine = Message.objects.filter(idempotency_key__startswith=f"{prefix}:")
    by_status = Counter(mine.values_list("status", flat=True))
    final_values = {status.value for status in FINAL}
    entries = Counter(
        DeliveryEvent.objects.filter(message__in=mine, status__in=final_values)
        .exclude(kind="ignored").exclude(previous_status__in=final_values)
        .values_list("message_id", flat=True))
    events = Counter(DeliveryEvent.objects.filter(message__in=mine).values_list("kind", flat=True))
    most_tried = mine.order_by("-attempts").first()
    retries = list(DeliveryEvent.objects.filter(message=most_tried, kind="retry")
                   .order_by("at").values_list("detail", flat=True)[:8])
    attempts = Counter(mine.values_list("attempts", flat=True))
    return {
        "total": mine.count(),
        "by_status": dict(by_status),
        "terminal": sum(n for s, n in by_status.items() if s in final_values),
        "entered_final_twice": sum(1 for n in entries.values() if n > 1),
        "events": dict(events),
        "retry_examples": retries,
        "attempts": {str(k): v for k, v in sorted(attempts.items())},
        "failure_reasons": dict(Counter(mine.exclude(reason="").values_list("reason", flat=True)
                                        .order_by()[:50])),
        "ids": sorted(str(pk) for pk in mine.values_list("pk", flat=True)),
    }


def inbound() -> dict[str, Any]:
    from messaging.models import InboundMessage, Message

    return {
        "by_status": dict(Counter(InboundMessage.objects.values_list("status", flat=True))),
        "support_texts": Message.objects.filter(template="assistant-unavailable").count(),
        "replies": Message.objects.filter(template="assistant-reply").count(),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("burst")
    b.add_argument("--count", type=int, required=True)
    b.add_argument("--channel", default="sms")
    b.add_argument("--prefix", required=True)
    b.add_argument("--phones", type=int, default=100)
    b.add_argument("--start", type=int, default=0)
    # Notify's emulator plays Notify's test numbers (07700900000, 002, 003, 111, 222): skip them.
    b.add_argument("--first-phone", type=int, default=0)
    s = sub.add_parser("statuses")
    s.add_argument("--prefix", required=True)
    sub.add_parser("inbound")
    args = parser.parse_args(argv)
    _setup()
    if args.command == "burst":
        result = burst(args.count, args.channel, args.prefix, args.phones, args.start,
                       args.first_phone)
    elif args.command == "statuses":
        result = statuses(args.prefix)
    else:
        result = inbound()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
