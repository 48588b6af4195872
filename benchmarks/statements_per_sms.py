"""SQL statements and commits per SMS, end to end, counted with Django's CaptureQueriesContext
(BEGIN, COMMIT and savepoint releases included; the same on SQLite and PostgreSQL).

    .venv/bin/python -m benchmarks.statements_per_sms
    (against another ref: copy this file into a clone at that ref and run it there)

Embedded mode, one process, the Twilio-API emulator as the provider: ``request_send`` (a new and a
known recipient), the worker's ``deliver`` (claim, provider call, record the answer), then the
``sent`` and ``delivered`` reports applied as the status-callback view applies them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import prepare, start_processes, use_django, wait_http


def _count(label: str, action: Callable[[], Any]) -> tuple[Any, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = action()
    sql = [query["sql"].upper() for query in captured.captured_queries]
    commits = sum(1 for text in sql if text.startswith(("COMMIT", "RELEASE")))
    print(f"  {label:40s} {len(sql):3d} statements / {commits} commits", flush=True)
    return result, len(sql), commits


def main() -> None:
    service = prepare(Path(tempfile.mkdtemp(prefix="signpost-statements-")), scaled=None)
    try:
        start_processes(service, {"twilio-emulator"})
        wait_http(f"{service.url('twilio-emulator')}/healthz", what="twilio emulator")
        use_django(service)
        _measure()
    finally:
        service.stop()


def _measure() -> None:
    from messaging import sending
    from messaging.outbound import Content, request_send
    from messaging.reports import ProviderReport, apply_report
    from messaging.statuses import Channel, MessageStatus, Origin

    def send(key: str, to: str) -> Any:
        return request_send(channel=Channel.SMS, to=to,
                            content=Content(template="t", language="en", text="hello"),
                            idempotency_key=key, origin=Origin.OFFICER)

    send("warm-up", "+447700900399")  # first-use work (connections, caches) not counted
    message, statements, commits = _count("request_send, new recipient",
                                          lambda: send("one", "+447700900301"))
    _count("request_send, known recipient", lambda: send("two", "+447700900301"))
    _, n, c = _count("worker: claim, provider call, record",
                     lambda: sending.deliver(message_id=str(message.pk)))
    statements, commits = statements + n, commits + c
    message.refresh_from_db()
    for status in (MessageStatus.SENT, MessageStatus.DELIVERED):
        report = ProviderReport(message_id=message.pk, status=status, provider_status=status,
                                provider_ref=message.provider_ref)

        def callback(report: ProviderReport = report) -> Any:
            return apply_report(report)

        _, n, c = _count(f"status callback {status}", callback)
        statements, commits = statements + n, commits + c
    message.refresh_from_db()
    print(f"  {'one SMS end to end (new recipient)':40s} {statements:3d} statements / {commits} "
          f"commits; final status {message.status}")


if __name__ == "__main__":
    main()
