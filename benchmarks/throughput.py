"""Gateway throughput with real Huey consumer processes, embedded and scaled, 1, 2 and 4 workers,
for each SMS provider (Twilio and GOV.UK Notify, through their emulators) side by side.

    .venv/bin/python -m benchmarks.throughput                 (make bench-throughput)
    .venv/bin/python -m benchmarks.throughput --sms 100 --email 20 --workers 1 --modes embedded
    .venv/bin/python -m benchmarks.throughput --providers notify

Per mode, one copy of the service on free loopback ports: gunicorn (web, status callbacks),
the Twilio-API and Notify-API emulators and the SMTP sink as separate processes, and N
``manage.py run_huey`` consumer processes (HUEY_WORKERS threads each). The SMS runs are made once
per provider, switched by the force's setting (as staff would); a table at the end of each mode
puts the providers' rates side by side. Notify's sends are paced under NOTIFY_RATE_PER_MINUTE
(3,000 a minute for the key across all workers by default), as they would be against Notify.
Embedded: SQLite (WAL) and Huey on SQLite. Scaled: fresh PostgreSQL databases and Huey on
Redis. This process plays the web app: several threads call
``messaging.outbound.request_send`` (the row is written, then queued).

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
                # From 300: Notify's emulator plays Notify's test numbers 000 to 222.
                to=f"+447700900{300 + n % 700:03d}" if sms else f"victim-{run}-{n}@example.org",
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


def _rate_line(label: str, run: str, count: int, baseline: float, **event: str) -> float:
    latencies, first_created, last_event = _event_times(run, **event)
    rate = len(latencies) / (last_event - first_created) if latencies else 0.0
    line(f"created -> {label}", f"{rate:7.1f} msg/s ({len(latencies)}/{count}), "
         f"{ratio(rate, baseline)}")
    line(f"  latency created -> {label}", summary_ms(latencies))
    return rate


def _use_provider(provider: str) -> None:
    """The force's SMS provider, as staff would set it; the workers read it on every send."""
    from organisations.models import Organisation, OrganisationKind

    Organisation.objects.filter(kind=OrganisationKind.FORCE).update(sms_provider=provider)


def _sms_check(service: Service, provider: str, count: int, statuses: Counter[str]) -> bool:
    counts = requests_json(f"{service.url(f'{provider}-emulator')}/_emulator/counts")
    accepted, duplicates = counts["accepted_sends"], counts["duplicate_sends"]
    ok = bool(accepted == count and duplicates == 0 and statuses["delivered"] == count)
    line("no loss, no duplicate", f"{'OK' if ok else 'PROBLEM'}: emulator accepted {accepted}, "
         f"duplicates {duplicates}; database {dict(statuses)}")
    return ok


def _sms_live(service: Service, args: argparse.Namespace, run: str, baseline: float,
              provider: str) -> dict[str, Any]:
    """Officers sending while the workers work: the end-to-end rate and latency."""
    start, end = _submit("sms", args.sms, run, args.submitters)
    line("live: officer side recorded and queued", f"{args.sms / (end - start):7.1f} msg/s "
         f"({args.submitters} submitting threads)")
    statuses = _wait_final(run, args.sms, SMS_FINAL, timeout_s=60 + args.sms / 5)
    accepted = _rate_line("provider accepted", run, args.sms, baseline, kind="accepted")
    delivered = _rate_line("delivered callback processed", run, args.sms, baseline,
                           kind="callback", status="delivered")
    ok = _sms_check(service, provider, args.sms, statuses)
    return {"live accepted": accepted, "live delivered": delivered, "live ok": ok}


def _sms_drain(service: Service, args: argparse.Namespace, run: str, workers: int,
               baseline: float, provider: str) -> dict[str, Any]:
    """A backlog recorded first, then the workers started: what the workers alone can do."""
    from messaging.models import DeliveryEvent

    _submit("sms", args.sms, run, args.submitters)
    service.start_workers(workers, args.threads)
    statuses = _wait_final(run, args.sms, SMS_FINAL, timeout_s=60 + args.sms / 5)
    events = DeliveryEvent.objects.filter(message__template=f"bench-{run}")
    first = events.filter(kind="attempt").order_by("at").values_list("at", flat=True).first()
    figures: dict[str, Any] = {}
    for label, event in (("provider accepted", {"kind": "accepted"}),
                         ("delivered callback processed",
                          {"kind": "callback", "status": "delivered"})):
        last = events.filter(**event).order_by("-at").values_list("at", flat=True).first()
        done = events.filter(**event).count()
        rate = done / (last - first).total_seconds() if first and last and last > first else 0.0
        line(f"drain: backlog -> {label}", f"{rate:7.1f} msg/s ({done}/{args.sms}), "
             f"{ratio(rate, baseline)}")
        figures["drain accepted" if event["kind"] == "accepted" else "drain delivered"] = rate
    figures["drain ok"] = _sms_check(service, provider, args.sms, statuses)
    return figures


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
    requests_json(f"{service.url('notify-emulator')}/_emulator/reset", "POST")
    requests_json(f"{service.url('smtp-web')}/_sink/reset", "POST")


def run_mode(args: argparse.Namespace) -> None:
    scaled = scaled_config() if args.mode == "scaled" else None
    var = Path(tempfile.mkdtemp(prefix=f"signpost-bench-{args.mode}-"))
    service = prepare(var, scaled=scaled, web_workers=args.web_workers, extra_env={
        "EMULATOR_TWILIO_CALLBACK_DELAY": str(args.callback_delay),
        "EMULATOR_NOTIFY_CALLBACK_DELAY": str(args.callback_delay)})
    try:
        start_processes(service, {"web", "twilio-emulator", "notify-emulator", "smtp-sink"})
        for name in ("web", "twilio-emulator", "notify-emulator", "smtp-web"):
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
    side_by_side: dict[tuple[int, str], dict[str, Any]] = {}
    for workers in args.workers:
        for n, provider in enumerate(args.providers):
            heading(f"{service.mode} mode, SMS through {provider}: {workers} worker process(es) "
                    f"x {args.threads} threads, {args.web_workers} web workers")
            _use_provider(provider)
            run = f"{service.mode[0]}{workers}{provider[0]}{int(time.time())}"
            # The Twilio emulator's bare rate is the baseline for both (Notify's API is slower).
            try:
                figures: dict[str, Any] = {}
                if args.sms:
                    figures.update(_sms_drain(service, args, f"{run}d", workers, emu_rate,
                                              provider))
                    _reset_providers(service)
                else:
                    service.start_workers(workers, args.threads)
                huey = baselines.huey_rate(count=min(args.sms or 100, 500))
                line("Huey, bare ping tasks (baseline)", f"{huey:7.1f} tasks/s")
                if args.sms:
                    figures.update(_sms_live(service, args, f"{run}s", min(emu_rate, huey),
                                             provider))
                if args.email and n == 0:
                    _email_run(service, args, f"{run}e", smtp_rate)
                side_by_side[(workers, provider)] = figures
            finally:
                service.stop_processes("worker-")
            _reset_providers(service)
    _use_provider("")
    if args.sms:
        _print_side_by_side(service.mode, args.providers, side_by_side)


def _print_side_by_side(mode: str, providers: list[str],
                        results: dict[tuple[int, str], dict[str, Any]]) -> None:
    """One row per worker count and figure, one column per provider."""
    heading(f"{mode} mode: SMS providers side by side (msg/s)")
    figures = ("drain accepted", "drain delivered", "live accepted", "live delivered")
    line("workers / figure", "  ".join(f"{p:>10}" for p in providers))
    for workers in sorted({w for w, _ in results}):
        for figure in figures:
            cells = [results.get((workers, p), {}).get(figure) for p in providers]
            line(f"{workers} / {figure}", "  ".join(
                f"{c:10.1f}" if isinstance(c, float) else f"{'-':>10}" for c in cells))
        checks = [results.get((workers, p), {}) for p in providers]
        line(f"{workers} / no loss, no duplicate", "  ".join(
            f"{'OK' if c.get('drain ok') and c.get('live ok') else 'PROBLEM':>10}"
            for c in checks))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", default="embedded,scaled", help="embedded,scaled")
    parser.add_argument("--providers", default="twilio,notify", help="SMS providers to compare")
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
        args.providers = str(args.providers).split(",")
        run_mode(args)
        return 0
    print(f"gateway throughput: {args.sms} SMS per provider ({args.providers}) and {args.email} "
          f"emails per run, modes {args.modes}, workers {args.workers} x {args.threads} threads",
          flush=True)
    failed = 0
    for mode in args.modes.split(","):
        done = subprocess.run([sys.executable, "-m", "benchmarks.throughput", *argv,
                               "--mode", mode], check=False)
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
