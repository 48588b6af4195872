"""Measure the message gateway end to end against the Twilio-API emulator and the SMTP sink.

    .venv/bin/python -m benchmarks.gateway [--sms 300] [--email 100] [--workers 4]

In one process: a fresh SQLite database (WAL, as in the embedded default), Django served by a
threaded WSGI server (status callbacks arrive over HTTP, signed), the emulator and the sink on
free loopback ports, and worker threads running the send task's body (Huey's queue storage is
replaced by an in-memory queue, so the figures measure the gateway, not Huey's polling).

Printed: sustained sends per second through the whole pipeline, and p50/p95 latency from
"officer pressed send" (the Message row is written) to "provider accepted" and to "delivered
callback processed" (taken from the DeliveryEvent timestamps).
"""

from __future__ import annotations

import argparse
import logging
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _start_providers(var: Path, web_url: str) -> tuple[Any, Any, int]:
    import requests

    from emulators.common.background import BackgroundServer
    from emulators.common.webhooks import RetryPolicy
    from emulators.smtp_sink.app import make_app as make_sink_app
    from emulators.smtp_sink.config import SinkConfig
    from emulators.twilio.app import make_app as make_twilio_app
    from emulators.twilio.config import TwilioEmulatorConfig

    retry = RetryPolicy(attempts=3, backoff=0.2, timeout=10.0)
    twilio = BackgroundServer(make_twilio_app(TwilioEmulatorConfig(
        port=0, db_path=str(var / "twilio.sqlite3"), callback_delay=0.05,
        inbound_sms_url=f"{web_url}/webhooks/twilio/sms", webhook_retry=retry, seed=1,
    ))).start()
    sink = BackgroundServer(make_sink_app(SinkConfig(
        smtp_port=0, http_port=0, db_path=str(var / "smtp.sqlite3"),
        inbound_email_url=f"{web_url}/webhooks/email/inbound", webhook_retry=retry,
    ))).start()
    smtp_port = int(requests.get(sink.base_url + "/_sink/info", timeout=5).json()["smtp_port"])
    return twilio, sink, smtp_port


def _start_web(port: int) -> Any:
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _workers(count: int, jobs: queue.Queue[str | None]) -> list[threading.Thread]:
    from django.db import connection

    from messaging.tasks import send_message_task

    def work() -> None:
        while (message_id := jobs.get()) is not None:
            send_message_task.call_local(message_id)
        connection.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def _submit(kind: str, count: int, run: str) -> list[str]:
    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    ids = []
    for n in range(count):
        if kind == "sms":
            to = f"+447700900{n % 1000:03d}"
            channel = Channel.SMS
        else:
            to = f"victim{n}@example.org"
            channel = Channel.EMAIL
        message = request_send(
            channel=channel, to=to,
            content=Content(template="benchmark", language="en", subject="Your leaflet",
                            text=f"Your leaflet: https://sp.example/l/{run}{n}"),
            idempotency_key=f"bench:{run}:{kind}:{n}", origin=Origin.OFFICER,
        )
        ids.append(str(message.pk))
    return ids


def _wait_final(ids: list[str], final: set[str], timeout: float) -> int:
    from messaging.models import Message

    deadline = time.monotonic() + timeout
    done = 0
    while time.monotonic() < deadline:
        done = Message.objects.filter(pk__in=ids, status__in=final).count()
        if done == len(ids):
            break
        time.sleep(0.2)
    return done


def _latencies(ids: list[str], event: dict[str, str]) -> list[float]:
    from messaging.models import DeliveryEvent, Message

    created = dict(Message.objects.filter(pk__in=ids).values_list("pk", "created_at"))
    found = DeliveryEvent.objects.filter(message_id__in=ids, **event).values_list(
        "message_id", "at")
    first: dict[Any, Any] = {}
    for message_id, at in found:
        first.setdefault(message_id, at)
    return [(at - created[mid]).total_seconds() * 1000 for mid, at in first.items()]


def _report(name: str, ids: list[str], started: float, finished: float, done: int) -> None:
    wall = finished - started
    print(f"{name}: {done}/{len(ids)} reached a final status in {wall:.2f} s "
          f"= {done / wall:.1f} messages/s sustained")


def _print_latency(label: str, values: list[float]) -> None:
    if values:
        print(f"  {label}: p50 {_percentile(values, 0.5):.0f} ms, p95 "
              f"{_percentile(values, 0.95):.0f} ms, mean {statistics.fmean(values):.0f} ms "
              f"(n={len(values)})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.gateway")
    parser.add_argument("--sms", type=int, default=300)
    parser.add_argument("--email", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)

    var = Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    web_port = _free_port()
    web_url = f"http://127.0.0.1:{web_port}"
    twilio, sink, smtp_port = _start_providers(var, web_url)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "signpost.settings", "SIGNPOST_VAR_DIR": str(var),
        "PUBLIC_BASE_URL": web_url, "TWILIO_API_BASE_URL": twilio.base_url,
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "LOG_LEVEL": "WARNING",
        "HUEY_NAME": "signpost-bench",
    })
    import django
    from django.core.management import call_command

    django.setup()
    logging.getLogger().setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    web = _start_web(web_port)

    from messaging import queue as gateway_queue

    jobs: queue.Queue[str | None] = queue.Queue()
    gateway_queue.enqueue_send = lambda message_id, *, delay=None, after_attempt=None: jobs.put(
        str(message_id))
    threads = _workers(args.workers, jobs)
    run = str(int(time.time()))
    print(f"gateway benchmark: {args.sms} SMS and {args.email} emails, {args.workers} workers, "
          f"SQLite WAL, Python {sys.version.split()[0]}")

    started = time.monotonic()
    sms_ids = _submit("sms", args.sms, run)
    submitted = time.monotonic()
    done = _wait_final(sms_ids, {"delivered", "undelivered", "technical-failure",
                                 "permanent-failure"}, timeout=300)
    _report("SMS (send -> delivered callback)", sms_ids, started, time.monotonic(), done)
    print(f"  officer side: {args.sms / (submitted - started):.1f} sends/s recorded and queued")
    _print_latency("pressed send -> provider accepted",
                   _latencies(sms_ids, {"kind": "accepted"}))
    _print_latency("pressed send -> delivered callback processed",
                   _latencies(sms_ids, {"status": "delivered", "kind": "callback"}))

    started = time.monotonic()
    email_ids = _submit("email", args.email, run)
    done = _wait_final(email_ids, {"sent", "permanent-failure", "technical-failure"},
                       timeout=300)
    _report("Email (send -> accepted by the relay)", email_ids, started, time.monotonic(), done)
    _print_latency("pressed send -> relay accepted",
                   _latencies(email_ids, {"kind": "accepted"}))

    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join(timeout=10)
    web.shutdown()
    twilio.stop()
    sink.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
