"""Another victim's reply latency while one number floods the assistant, next to the same
victims with no flood, in the same run (the per-sender queue: messaging/turns.py).

    .venv/bin/python -m benchmarks.fair_relay                         (SQLite, throw-away folder)
    .venv/bin/python -m benchmarks.fair_relay --flood 200 --victims 10 --workers 2 --rasa-ms 100
    DATABASE_URL=postgres://…/throwaway .venv/bin/python -m benchmarks.fair_relay

In one process: the real ``receive_sms`` and relay turns, on ``--workers`` threads taking tasks
from a queue ordered as Huey's are (priority, then first in first out); a fake assistant that
answers after ``--rasa-ms``; outbound sends are not made (only the relay is measured). Each
victim texts once, ``--gap-ms`` apart; in the flood run one number sends ``--flood`` texts as
fast as it can at the same time. Latency: the text's ``received_at`` to ``processed_at`` (its
relay answered). Also printed: how many of the flood's texts were relayed before each victim's.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import itertools
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from typing import Any

from benchmarks.stats import heading, line, load_conditions, ratio, summary_ms


class HueyLikeQueue:
    """Higher priority first, then first in first out, as Huey's Redis and SQLite queues."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, Any]] = []
        self._order = itertools.count()
        self._lock = threading.Lock()

    def put(self, dispatch: Any) -> None:
        with self._lock:
            heapq.heappush(self._heap, (-(2 if dispatch.urgent else 1), next(self._order),
                                        dispatch))

    def get(self) -> Any:
        with self._lock:
            return heapq.heappop(self._heap)[2] if self._heap else None


def _setup() -> str | None:
    made = None
    if "DATABASE_URL" not in os.environ and "SIGNPOST_VAR_DIR" not in os.environ:
        made = os.environ["SIGNPOST_VAR_DIR"] = tempfile.mkdtemp(prefix="signpost-fair-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    for name in ("messaging", "aiohttp.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return made


def _fake_assistant(latency_s: float) -> Any:
    from aiohttp import web

    from emulators.common.background import BackgroundServer

    async def answer(request: web.Request) -> web.Response:
        await request.json()
        await asyncio.sleep(latency_s)
        return web.json_response([{"recipient_id": "x", "text": "Hello."}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", answer)
    return BackgroundServer(app).start()


def _workers(tasks: HueyLikeQueue, count: int, stop: threading.Event) -> list[threading.Thread]:
    from django.db import connection

    from messaging.inbound import relay_turn

    def work() -> None:
        try:
            while not stop.is_set():
                dispatch = tasks.get()
                if dispatch is None:
                    time.sleep(0.002)
                    continue
                relay_turn(recipient_id=dispatch.recipient_id, token=dispatch.token)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def _scenario(run: str, args: argparse.Namespace, *, flood: bool) -> list[float]:
    from django.db import connection

    from messaging.inbound import receive_sms
    from messaging.models import InboundMessage
    from messaging.statuses import InboundStatus

    flooder = f"+4477009{run}99"

    def send_flood() -> None:
        try:
            for n in range(args.flood):
                receive_sms(provider_id=f"{run}-F{n}", from_phone=flooder, body=f"spam {n}")
        finally:
            connection.close()

    flooding = threading.Thread(target=send_flood) if flood else None
    if flooding is not None:
        flooding.start()
        time.sleep(args.gap_ms / 1000)
    for n in range(args.victims):
        receive_sms(provider_id=f"{run}-V{n}", from_phone=f"+447700{run}{n:03d}",
                    body="I was burgled, what happens now?")
        time.sleep(args.gap_ms / 1000)
    if flooding is not None:
        flooding.join()
    texts = InboundMessage.objects.filter(provider_id__startswith=f"{run}-")
    deadline = time.monotonic() + 600
    while (texts.filter(status=InboundStatus.RECEIVED).exists()
           and time.monotonic() < deadline):
        time.sleep(0.05)
    victims = list(texts.filter(provider_id__contains="-V"))
    latencies = [(v.processed_at - v.received_at).total_seconds() * 1000 for v in victims
                 if v.processed_at is not None]
    label = "with a flood" if flood else "no flood (baseline)"
    line(f"victims' text -> relayed, {label}", summary_ms(latencies))
    if flood:
        relayed = texts.filter(provider_id__contains="-F", status=InboundStatus.RELAYED)
        before = [relayed.filter(processed_at__lt=v.processed_at, received_at__lt=v.received_at)
                  .count() for v in victims if v.processed_at is not None]
        line("flood texts relayed before a victim's (max)",
             f"{max(before, default=0)} (received before it: "
             f"{relayed.filter(received_at__lt=victims[-1].received_at).count()} relayable)")
        line("flood texts stored / relayed", f"{texts.filter(provider_id__contains='-F').count()}"
             f" / {relayed.count()} (the sender limit relays the rest never)")
        line("victim texts not relayed", str(args.victims - len(latencies)))
    return latencies


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fair_relay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flood", type=int, default=200)
    parser.add_argument("--victims", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rasa-ms", type=float, default=100)
    parser.add_argument("--gap-ms", type=float, default=50)
    args = parser.parse_args(argv)
    made = _setup()
    from django.conf import settings
    from django.db import connection

    from messaging import queue

    assistant = _fake_assistant(args.rasa_ms / 1000)
    settings.RASA_URLS = [assistant.base_url]
    settings.SIGNPOST_ALLOW_DRAMA_NUMBERS = True
    tasks = HueyLikeQueue()
    queue.enqueue_relay = tasks.put  # the benchmark's own queue
    queue.enqueue_send = lambda *a, **k: None  # relay only: no sends
    stop = threading.Event()
    threads = _workers(tasks, args.workers, stop)
    try:
        heading(f"{args.victims} victims, one text each {args.gap_ms:.0f} ms apart; "
                f"{args.workers} workers, assistant {args.rasa_ms:.0f} ms ({connection.vendor})")
        baseline = _scenario("10", args, flood=False)
        flooded = _scenario("20", args, flood=True)
        if baseline and flooded:
            line("p50 with a flood", ratio(sorted(flooded)[len(flooded) // 2],
                                           sorted(baseline)[len(baseline) // 2]))
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
        assistant.stop()
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
    print(f"done [{load_conditions()}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
