"""Latency percentiles on the whole running service (web, worker, Rasa, actions, emulators).

    .venv/bin/python -m benchmarks.latency                    (make bench-latency)
    .venv/bin/python -m benchmarks.latency --mode scaled --conversations 20 --turns 5

Printed, each as p50/p95/p99 beside same-run baselines:
- an officer's send -> provider accepted (sends paced at --send-rate, one at a time);
- the leaflet's token link (/l/<token>) and a leaflet page (/leaflet/en/), sequential GETs;
- an inbound text -> the assistant's reply handed to the gateway (the reply's Message row
  written), with --conversations phones texting at once through the Twilio emulator, each
  waiting for its reply before its next text.
Baselines: ``SELECT 1``, a bare Django request (a 404), a Rasa turn posted straight to Rasa.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from benchmarks import baselines
from benchmarks.harness import Service, prepare, scaled_config, start_processes, use_django
from benchmarks.stats import heading, line, summary_ms, timed_ms

TEXTS = ["hello", "I need to talk to someone", "hi there", "help", "good morning"]
READY_S = 300


def _wait_healthy(service: Service) -> None:
    deadline = time.monotonic() + READY_S
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{service.url('web')}/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise TimeoutError(f"the stack was not healthy within {READY_S} s")


def _rasa_turn_ms(service: Service, runs: int) -> float:
    url = f"{service.stack.url(service.stack.ports.rasa)}/webhooks/rest/webhook"
    def turn(n: int) -> float:
        return timed_ms(lambda: requests.post(
            url, json={"sender": f"baseline-{n}", "message": "hello"}, timeout=30))

    return statistics.median(turn(n) for n in range(runs))


def _officer_sends(count: int, rate: float) -> list[float]:
    from messaging.models import DeliveryEvent, Message
    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    run = f"lat{int(time.time())}"
    for n in range(count):
        started = time.monotonic()
        request_send(channel=Channel.SMS, to=f"+447700900{n % 1000:03d}",
                     content=Content(template=run, language="en", text=f"Leaflet {run} {n}"),
                     idempotency_key=f"{run}:{n}", origin=Origin.OFFICER)
        time.sleep(max(0.0, 1 / rate - (time.monotonic() - started)))
    deadline = time.monotonic() + 60 + count
    accepted = DeliveryEvent.objects.filter(message__template=run, kind="accepted")
    while accepted.count() < count and time.monotonic() < deadline:
        time.sleep(0.2)
    created = dict(Message.objects.filter(template=run).values_list("pk", "created_at"))
    return [(at - created[mid]).total_seconds() * 1000
            for mid, at in accepted.values_list("message_id", "at")]


def _get_ms(url: str, runs: int) -> list[float]:
    session = requests.Session()
    session.get(url, timeout=10)
    return [timed_ms(lambda: session.get(url, timeout=10).content) for _ in range(runs)]


def _conversation(emulator: str, phone: str, turns: int, sids: list[str]) -> None:
    from django.db import connection

    from messaging.models import InboundMessage

    try:
        for turn in range(turns):
            answer = requests.post(f"{emulator}/_emulator/inbound", timeout=60,
                                   json={"from": phone, "body": TEXTS[turn % len(TEXTS)]})
            sid = answer.json()["sid"]
            sids.append(sid)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not InboundMessage.objects.filter(
                    provider_id=sid).exclude(status="received").exists():
                time.sleep(0.05)
    finally:
        connection.close()


def _inbound_latencies(service: Service, conversations: int, turns: int) -> tuple[list[float], int]:
    from messaging.models import InboundMessage, Message

    sids: list[str] = []
    threads = [threading.Thread(target=_conversation, args=(
        service.url("twilio-emulator"), f"+447700900{500 + n:03d}", turns, sids))
        for n in range(conversations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = []
    for inbound in InboundMessage.objects.filter(provider_id__in=sids):
        key = f"assistant-reply:{inbound.pk}:"
        reply = (Message.objects.filter(idempotency_key__startswith=key)
                 .order_by("created_at").values_list("created_at", flat=True).first())
        if reply is not None:
            latencies.append((reply - inbound.received_at).total_seconds() * 1000)
    return latencies, len(sids) - len(latencies)


def _measure(service: Service, args: argparse.Namespace) -> None:
    from leaflets.services import issue_leaflet
    from leaflets.statuses import IssueChannel

    web = service.url("web")
    heading(f"{service.mode} mode: baselines")
    line("SELECT 1 round trip (app database)", f"{baselines.select_one_ms():.2f} ms median")
    bare = baselines.http_get_ms(baselines.bare_django_url(web))
    line("bare Django request (404, all middleware)", f"{bare:.2f} ms median")
    line("Rasa turn posted straight to Rasa", f"{_rasa_turn_ms(service, 20):.1f} ms median")

    heading(f"{service.mode} mode: officer send -> provider accepted ({args.send_rate}/s)")
    line("send -> provider accepted", summary_ms(_officer_sends(args.sends, args.send_rate)))

    heading(f"{service.mode} mode: leaflet pages, sequential GETs from one client")
    token = issue_leaflet(language="en", channels=[IssueChannel.QR]).token
    for label, path in (("token link /l/<token>", f"/l/{token}"), ("leaflet /leaflet/en/",
                                                                    "/leaflet/en/")):
        line(label, summary_ms(_get_ms(f"{web}{path}", args.page_runs)))
    line("bare Django request (baseline)", summary_ms(_get_ms(baselines.bare_django_url(web),
                                                              args.page_runs)))

    heading(f"{service.mode} mode: inbound text -> reply handed to the gateway, "
            f"{args.conversations} conversations at once x {args.turns} turns")
    started = time.monotonic()
    latencies, missing = _inbound_latencies(service, args.conversations, args.turns)
    line("inbound text -> reply Message written", summary_ms(latencies))
    line("turns without a reply", f"{missing} (in {time.monotonic() - started:.0f} s)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["embedded", "scaled"], default="embedded")
    parser.add_argument("--sends", type=int, default=200)
    parser.add_argument("--send-rate", type=float, default=10.0, help="officer sends per second")
    parser.add_argument("--page-runs", type=int, default=300)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="Huey consumer processes")
    parser.add_argument("--threads", type=int, default=2, help="HUEY_WORKERS per process")
    args = parser.parse_args(argv)
    scaled = scaled_config(rasa_servers=2) if args.mode == "scaled" else None
    var = Path(tempfile.mkdtemp(prefix=f"signpost-latency-{args.mode}-"))
    service = prepare(var, scaled=scaled, model=True,
                      extra_env={"EMULATOR_TWILIO_CALLBACK_DELAY": "0.2"})
    try:
        names = {"web", "actions", "twilio-emulator", "smtp-sink", "rasa", "rasa-1", "rasa-2"}
        start_processes(service, names)
        service.start_workers(args.workers, args.threads)
        started = time.monotonic()
        _wait_healthy(service)
        print(f"latency benchmark ({args.mode}): stack healthy after "
              f"{time.monotonic() - started:.0f} s; {args.workers} worker(s) x {args.threads} "
              f"threads, {len(service.stack.rasa_ports)} Rasa server(s)", flush=True)
        use_django(service)
        _measure(service, args)
    finally:
        service.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
