"""Latency percentiles on the whole running service (web, worker, Rasa, actions, emulators).

    .venv/bin/python -m benchmarks.latency                    (make bench-latency)
    .venv/bin/python -m benchmarks.latency --mode scaled --conversations 20 --turns 5

Printed, each as p50/p95/p99 beside same-run baselines:
- an officer's send -> provider accepted (sends paced at --send-rate, one at a time);
- the leaflet's token link (/l/<token>) and a leaflet page (/leaflet/en/), sequential GETs;
- an inbound text -> the assistant's reply handed to the gateway (the reply's Message row
  written), with --conversations phones texting at once through the Twilio emulator, each
  waiting for its reply before its next text; and where that time went, from the worker's
  relay log lines: waiting (stored -> relay starts: Huey pick-up, the conversation's turn),
  the assistant (the Rasa call), handing the replies to the gateway.
  Lists compare in one run: ``--threads 2,16 --conversations 1,20`` restarts the workers with
  each thread count and runs each number of conversations (new phones every time).
Baselines: ``SELECT 1``, a bare Django request (a 404), a Rasa turn posted straight to Rasa.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from benchmarks import baselines
from benchmarks.harness import Service, prepare, scaled_config, start_processes, use_django
from benchmarks.stats import heading, line, percentile, summary_ms, timed_ms
from signpost.shared_secret import REST_HEADER

TEXTS = ["hello", "I need to talk to someone", "hi there", "help", "good morning"]
READY_S = 300
POLL_S = 0.1  # a conversation looks for its reply this often (the figures come from timestamps)
# messaging.inbound's line for each relayed text (worker log, LOG_LEVEL=INFO).
RELAY_LINE = re.compile(r"inbound (\d+) relayed: waited (\d+) ms, assistant (\d+) ms, "
                        r"\d+ replies handed to the gateway in (\d+) ms")


def _rasa_turn_ms(service: Service, runs: int) -> float:
    url = f"{service.stack.url(service.stack.ports.rasa)}/webhooks/rest/webhook"
    def turn(n: int) -> float:
        return timed_ms(lambda: requests.post(
            url, json={"sender": f"baseline-{n}", "message": "hello"}, timeout=30,
            headers={REST_HEADER: service.stack.rasa_token}))

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


def _conversation(emulator: str, phone: str, turns: int, sids: list[str], think_s: float) -> None:
    """One phone: a text, its reply, then (``think_s`` > 0) a pause of 0.5-1.5 x ``think_s``, as
    a person reads and types; the first text comes within ``think_s`` of the start."""
    from django.db import connection

    from messaging.models import InboundMessage

    pauses = random.Random(phone)
    try:
        for turn in range(turns):
            if think_s:
                time.sleep(pauses.uniform(0.5, 1.5) * think_s if turn else
                           pauses.uniform(0, think_s))
            answer = requests.post(f"{emulator}/_emulator/inbound", timeout=60,
                                   json={"from": phone, "body": TEXTS[turn % len(TEXTS)]})
            sid = answer.json()["sid"]
            sids.append(sid)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not InboundMessage.objects.filter(
                    provider_id=sid).exclude(status="received").exists():
                time.sleep(POLL_S)
    finally:
        connection.close()


def _inbound_latencies(service: Service, conversations: int, turns: int, first_phone: int,
                       think_s: float) -> tuple[dict[int, float], int]:
    """Inbound id -> ms from stored to the first reply written; and the turns with no reply."""
    from messaging.models import InboundMessage, Message

    sids: list[str] = []
    threads = [threading.Thread(target=_conversation, args=(
        service.url("twilio-emulator"), f"+447700900{first_phone + n:03d}", turns, sids,
        think_s)) for n in range(conversations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = {}
    for inbound in InboundMessage.objects.filter(provider_id__in=sids):
        key = f"assistant-reply:{inbound.pk}:"
        reply = (Message.objects.filter(idempotency_key__startswith=key)
                 .order_by("created_at").values_list("created_at", flat=True).first())
        if reply is not None:
            latencies[inbound.pk] = (reply - inbound.received_at).total_seconds() * 1000
    return latencies, len(sids) - len(latencies)


def _relay_stages(service: Service, inbound_ids: set[int]) -> dict[str, list[float]]:
    """The workers' relay lines for these texts: ms waiting, with the assistant, handing over."""
    stages: dict[str, list[float]] = {"waiting": [], "assistant": [], "handing": []}
    for log in (service.stack.var_dir / "logs").glob("worker-*.log"):
        for found in RELAY_LINE.finditer(log.read_text(errors="replace")):
            if int(found[1]) in inbound_ids:
                for name, value in zip(stages, found.groups()[1:], strict=True):
                    stages[name].append(float(value))
    return stages


def _stage_text(values: list[float]) -> str:
    if not values:
        return "no samples"
    return f"p50 {percentile(values, 0.5):.0f} ms, p95 {percentile(values, 0.95):.0f} ms"


def _inbound_phase(service: Service, conversations: int, args: argparse.Namespace,
                   first_phone: int) -> None:
    pause = f", {args.think:g} s to read and answer" if args.think else ", no pause"
    heading(f"{service.mode} mode: inbound text -> reply handed to the gateway, "
            f"{conversations} conversations at once x {args.turns} turns{pause}")
    started = time.monotonic()
    latencies, missing = _inbound_latencies(service, conversations, args.turns, first_phone,
                                            args.think)
    line("inbound text -> reply Message written", summary_ms(list(latencies.values())))
    line("turns without a reply", f"{missing} (in {time.monotonic() - started:.0f} s)")
    time.sleep(1)  # the workers' last log lines
    stages = _relay_stages(service, set(latencies))
    line("  of which waiting (stored -> relay starts)", _stage_text(stages["waiting"]))
    line("  of which the assistant (Rasa call)", _stage_text(stages["assistant"]))
    line("  of which handing replies to the gateway", _stage_text(stages["handing"]))


def _start_workers(service: Service, workers: int, threads: int, max_delay: str) -> None:
    """(Re)start the Huey consumers; INFO logging for the relay's timing lines."""
    service.stop_processes("worker-")
    argv = [sys.executable, "manage.py", "run_huey"]
    env = {"HUEY_WORKERS": str(threads), "LOG_LEVEL": "INFO"}
    if max_delay:
        env["HUEY_MAX_DELAY_S"] = max_delay
    for n in range(1, workers + 1):
        service.start(f"worker-{n}", argv, env)
    service.wait_healthy(READY_S)


def _max_delay(args: argparse.Namespace, index: int) -> str:
    return args.max_delay[index] if index < len(args.max_delay) else ""


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

    first_phone = 100
    for index, threads in enumerate(args.threads):
        if index:  # main() started the first
            _start_workers(service, args.workers, threads, _max_delay(args, index))
        polls = f", idle polls every {_max_delay(args, index)} s at most" if _max_delay(
            args, index) else ""
        print(f"\n{args.workers} worker(s) x {threads} threads{polls}", flush=True)
        for conversations in args.conversations:
            _inbound_phase(service, conversations, args, first_phone)
            first_phone += conversations


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["embedded", "scaled"], default="embedded")
    parser.add_argument("--sends", type=int, default=200)
    parser.add_argument("--send-rate", type=float, default=10.0, help="officer sends per second")
    parser.add_argument("--page-runs", type=int, default=300)
    parser.add_argument("--conversations", type=_numbers, default=[20],
                        help="conversations at once; a list (1,20) runs each")
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a person takes to read a reply and answer (0: at once)")
    parser.add_argument("--workers", type=int, default=1, help="Huey consumer processes")
    parser.add_argument("--threads", type=_numbers, default=[2],
                        help="HUEY_WORKERS per process; a list (2,16) restarts the workers")
    parser.add_argument("--max-delay", type=lambda text: text.split(","), default=[],
                        help="HUEY_MAX_DELAY_S per entry of --threads (SQLite: idle polling)")
    args = parser.parse_args(argv)
    scaled = scaled_config(rasa_servers=2) if args.mode == "scaled" else None
    var = Path(tempfile.mkdtemp(prefix=f"signpost-latency-{args.mode}-"))
    service = prepare(var, scaled=scaled, model=True,
                      extra_env={"EMULATOR_TWILIO_CALLBACK_DELAY": "0.2"})
    try:
        names = {"web", "actions", "twilio-emulator", "smtp-sink", "rasa", "rasa-1", "rasa-2"}
        start_processes(service, names)
        started = time.monotonic()
        _start_workers(service, args.workers, args.threads[0], _max_delay(args, 0))
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
