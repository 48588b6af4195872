"""Gateway throughput with real Huey consumer processes, embedded and scaled, 1, 2 and 4 workers.

    .venv/bin/python -m benchmarks.throughput                 (make bench-throughput)
    .venv/bin/python -m benchmarks.throughput --sms 100 --email 20 --workers 1 --modes embedded

Per mode, one copy of the service on free loopback ports: gunicorn (web, status callbacks),
the Twilio-API emulator and the SMTP sink as separate processes, and N ``manage.py run_huey``
consumer processes (HUEY_WORKERS threads each). Embedded: SQLite (WAL) and Huey on SQLite.
Scaled: fresh PostgreSQL databases and Huey on Redis. This process plays the web app: several
threads call ``messaging.outbound.request_send`` (the row is written, then queued).

Printed per worker count: messages per second from "created" to "provider accepted" and to
"delivered callback processed", latency percentiles of both, and the no-loss/no-duplicate check
from the emulator's ``/_emulator/counts`` and the database; beside them the baselines of the
same run (the emulator's bare send rate, the SMTP sink's bare rate, Huey's bare task rate,
``SELECT 1``). Each mode runs in a child process (Django is configured once per process).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import baselines
from benchmarks.harness import Service, prepare, scaled_config, start_processes, wait_http
from benchmarks.stats import heading, line, ratio, summary_ms

SMS_FINAL = {"delivered", "undelivered", "technical-failure", "permanent-failure",
             "temporary-failure"}
EMAIL_FINAL = {"sent", "delivered", "technical-failure", "permanent-failure", "temporary-failure"}


def _submit(kind: str, count: int, run: str, submitters: int) -> tuple[float, float]:
    """Record ``count`` messages from ``submitters`` threads; (start, end) monotonic times."""
    from django.db import connection

    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    lock = threading.Lock()
    todo = iter(range(count))

    def work() -> None:
        while True:
            with lock:
                n = next(todo, None)
            if n is None:
                connection.close()
                return
            sms = kind == "sms"
            request_send(
                channel=Channel.SMS if sms else Channel.EMAIL,
                to=f"+447700900{n % 1000:03d}" if sms else f"victim-{run}-{n}@example.org",
                content=Content(template=f"bench-{run}", language="en", subject="Your leaflet",
                                text=f"Your leaflet: https://sp.example/l/{run}x{n}"),
                idempotency_key=f"bench:{run}:{n}", origin=Origin.OFFICER,
            )

    threads = [threading.Thread(target=work) for _ in range(submitters)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return start, time.monotonic()


def _wait_final(run: str, count: int, final: set[str], timeout_s: float) -> Counter[str]:
    from django.db.models import Count

    from messaging.models import Message

    deadline = time.monotonic() + timeout_s
    while True:
        statuses: Counter[str] = Counter(dict(
            Message.objects.filter(template=f"bench-{run}").order_by()
            .values_list("status").annotate(n=Count("pk")).values_list("status", "n")))
        if sum(statuses[s] for s in final) >= count or time.monotonic() > deadline:
            return statuses
        time.sleep(0.25)


def _event_times(run: str, **event: str) -> tuple[list[float], float, float]:
    """Latencies (ms) from created to the first matching event, and the first created and last
    event times (epoch seconds)."""
    from messaging.models import DeliveryEvent, Message

    created = dict(Message.objects.filter(template=f"bench-{run}").values_list("pk", "created_at"))
    first: dict[Any, Any] = {}
    for message_id, at in (DeliveryEvent.objects.filter(message__template=f"bench-{run}", **event)
                           .order_by("at").values_list("message_id", "at")):
        first.setdefault(message_id, at)
    if not first or not created:
        return [], 0.0, 0.0
    latencies = [(at - created[mid]).total_seconds() * 1000 for mid, at in first.items()]
    return (latencies, min(created.values()).timestamp(),
            max(first.values()).timestamp())


def _rate_line(label: str, run: str, count: int, baseline: float, **event: str) -> list[float]:
    latencies, first_created, last_event = _event_times(run, **event)
    rate = len(latencies) / (last_event - first_created) if latencies else 0.0
    line(f"created -> {label}", f"{rate:7.1f} msg/s ({len(latencies)}/{count}), "
         f"{ratio(rate, baseline)}")
    line(f"  latency created -> {label}", summary_ms(latencies))
    return latencies


def _sms_check(service: Service, run: str, count: int, statuses: Counter[str]) -> None:
    counts = requests_json(f"{service.url('twilio-emulator')}/_emulator/counts")
    accepted, duplicates = counts["accepted_sends"], counts["duplicate_sends"]
    ok = accepted == count and duplicates == 0 and statuses["delivered"] == count
    line("no loss, no duplicate", f"{'OK' if ok else 'PROBLEM'}: emulator accepted {accepted}, "
         f"duplicates {duplicates}; database {dict(statuses)}")


def _sms_live(service: Service, args: argparse.Namespace, run: str, baseline: float) -> None:
    """Officers sending while the workers work: the end-to-end rate and latency."""
    start, end = _submit("sms", args.sms, run, args.submitters)
    line("live: officer side recorded and queued", f"{args.sms / (end - start):7.1f} msg/s "
         f"({args.submitters} submitting threads)")
    statuses = _wait_final(run, args.sms, SMS_FINAL, timeout_s=60 + args.sms / 5)
    _rate_line("provider accepted", run, args.sms, baseline, kind="accepted")
    _rate_line("delivered callback processed", run, args.sms, baseline,
               kind="callback", status="delivered")
    _sms_check(service, run, args.sms, statuses)


def _sms_drain(service: Service, args: argparse.Namespace, run: str, workers: int,
               baseline: float) -> None:
    """A backlog recorded first, then the workers started: what the workers alone can do."""
    from messaging.models import DeliveryEvent

    _submit("sms", args.sms, run, args.submitters)
    service.start_workers(workers, args.threads)
    statuses = _wait_final(run, args.sms, SMS_FINAL, timeout_s=60 + args.sms / 5)
    events = DeliveryEvent.objects.filter(message__template=f"bench-{run}")
    first = events.filter(kind="attempt").order_by("at").values_list("at", flat=True).first()
    for label, event in (("provider accepted", {"kind": "accepted"}),
                         ("delivered callback processed",
                          {"kind": "callback", "status": "delivered"})):
        last = events.filter(**event).order_by("-at").values_list("at", flat=True).first()
        done = events.filter(**event).count()
        rate = done / (last - first).total_seconds() if first and last and last > first else 0.0
        line(f"drain: backlog -> {label}", f"{rate:7.1f} msg/s ({done}/{args.sms}), "
             f"{ratio(rate, baseline)}")
    _sms_check(service, run, args.sms, statuses)


def _email_run(service: Service, args: argparse.Namespace, run: str, smtp_rate: float) -> None:
    start, end = _submit("email", args.email, run, args.submitters)
    statuses = _wait_final(run, args.email, EMAIL_FINAL, timeout_s=60 + args.email / 5)
    _rate_line("relay accepted (email)", run, args.email, smtp_rate, kind="accepted")
    mails = requests_json(f"{service.url('smtp-web')}/_sink/counts")["mail"]
    ok = mails == args.email and statuses["sent"] == args.email
    line("email: no loss, no duplicate", f"{'OK' if ok else 'PROBLEM'}: sink received {mails}; "
         f"database {dict(statuses)} (recorded at {args.email / (end - start):.0f} msg/s)")


def requests_json(url: str, method: str = "GET") -> Any:
    import requests

    response = requests.request(method, url, timeout=30)
    response.raise_for_status()
    return response.json()


def _reset_providers(service: Service) -> None:
    requests_json(f"{service.url('twilio-emulator')}/_emulator/reset", "POST")
    requests_json(f"{service.url('smtp-web')}/_sink/reset", "POST")


def run_mode(args: argparse.Namespace) -> None:
    scaled = scaled_config() if args.mode == "scaled" else None
    var = Path(tempfile.mkdtemp(prefix=f"signpost-bench-{args.mode}-"))
    service = prepare(var, scaled=scaled, web_workers=args.web_workers, extra_env={
        "EMULATOR_TWILIO_CALLBACK_DELAY": str(args.callback_delay)})
    try:
        start_processes(service, {"web", "twilio-emulator", "smtp-sink"})
        for name in ("web", "twilio-emulator", "smtp-web"):
            wait_http(f"{service.url(name)}/healthz" if name != "web"
                      else f"{service.url(name)}/leaflet/", what=name)
        from benchmarks.harness import use_django

        use_django(service)
        _measure_mode(service, args)
    finally:
        service.stop()


def _measure_mode(service: Service, args: argparse.Namespace) -> None:
    most_threads = max(args.workers) * args.threads
    heading(f"{service.mode} mode: baselines")
    line("SELECT 1 round trip (app database)", f"{baselines.select_one_ms():.2f} ms median")
    line("one-row INSERT + COMMIT (app database)", f"{baselines.commit_ms():.2f} ms median")
    emu_rate = baselines.emulator_rate(service.url("twilio-emulator"),
                                       count=min(args.sms, 500), threads=most_threads)
    line(f"Twilio emulator, bare sends ({most_threads} threads)", f"{emu_rate:7.1f} req/s")
    ports = service.stack.ports
    smtp_rate = 0.0
    if args.email:
        smtp_rate = baselines.smtp_rate(service.stack.host, ports.smtp,
                                        count=min(args.email, 200))
        line("SMTP sink, bare mails (one connection)", f"{smtp_rate:7.1f} mail/s")
    _reset_providers(service)
    for workers in args.workers:
        heading(f"{service.mode} mode: {workers} worker process(es) x {args.threads} threads, "
                f"{args.web_workers} web workers")
        run = f"{service.mode[0]}{workers}{int(time.time())}"
        try:
            if args.sms:
                _sms_drain(service, args, f"{run}d", workers, emu_rate)
                _reset_providers(service)
            else:
                service.start_workers(workers, args.threads)
            huey = baselines.huey_rate(count=min(args.sms or 100, 500))
            line("Huey, bare ping tasks (baseline)", f"{huey:7.1f} tasks/s")
            if args.sms:
                _sms_live(service, args, f"{run}s", min(emu_rate, huey))
            if args.email:
                _email_run(service, args, f"{run}e", smtp_rate)
        finally:
            service.stop_processes("worker-")
        _reset_providers(service)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", default="embedded,scaled", help="embedded,scaled")
    parser.add_argument("--workers", default="1,2,4", help="worker process counts to try")
    parser.add_argument("--threads", type=int, default=2, help="HUEY_WORKERS per process")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--sms", type=int, default=1000, help="SMS per worker count")
    parser.add_argument("--email", type=int, default=200, help="emails per worker count")
    parser.add_argument("--submitters", type=int, default=4, help="threads recording sends")
    parser.add_argument("--callback-delay", type=float, default=0.05,
                        help="emulator seconds between sent and delivered callbacks")
    parser.add_argument("--mode", help=argparse.SUPPRESS)  # one mode, in a child process
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.mode:
        args.workers = [int(n) for n in str(args.workers).split(",")]
        run_mode(args)
        return 0
    print(f"gateway throughput: {args.sms} SMS and {args.email} emails per run, modes "
          f"{args.modes}, workers {args.workers} x {args.threads} threads", flush=True)
    failed = 0
    for mode in args.modes.split(","):
        done = subprocess.run([sys.executable, "-m", "benchmarks.throughput", *argv,
                               "--mode", mode], check=False)
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
