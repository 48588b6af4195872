"""CPU time per SMS, end to end, summed over every process that works on it, embedded and scaled,
optionally against another git ref of the code in the same run.

    .venv/bin/python -m benchmarks.cpu_per_message                       (this tree, both modes)
    .venv/bin/python -m benchmarks.cpu_per_message --ref e9c41e3 --rounds 2 --sms 300

Per mode, one copy of the service on free loopback ports (gunicorn for the status callbacks, the
Twilio-API emulator, N ``run_huey`` consumers, started and idle first): this process records
--sms texts (as the web app would), the workers send them, the emulator calls back ``sent`` and
``delivered``. CPU (user + system, from /proc) is summed over every process of each kind
while it works, and divided by the messages:

- service: this process's recording, the workers, and gunicorn serving the callbacks;
- PostgreSQL (scaled): the server processes serving this run's database;
- the provider: the emulator (what Twilio would spend; not ours, printed apart).

"msg/s per core" is 1000 / service CPU-ms per message: the rate one core of service processes
could sustain. Baselines of the same run: a bare Django request's CPU in gunicorn, and, with
--ref, the same measurement of that ref's code from a temporary clone (this script is copied into
it), in alternating rounds so both see the same machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.cpu import cpu_s, tree_cpu
from benchmarks.harness import Service, prepare, scaled_config, start_processes, wait_http
from benchmarks.stats import heading, line, load_conditions

SMS_FINAL = {"delivered", "undelivered", "technical-failure", "permanent-failure",
             "temporary-failure"}


def _postgres_pids(service: Service) -> list[int]:
    if service.stack.scaled is None:
        return []
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid()")
        return [row[0] for row in cursor.fetchall()]


def _record(count: int, run: str) -> float:
    """Record ``count`` SMS as the web app would; this process's CPU seconds for it."""
    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    start = time.process_time()
    for n in range(count):
        request_send(channel=Channel.SMS, to=f"+447700900{300 + n % 700:03d}",
                     content=Content(template=f"bench-{run}", language="en",
                                     text=f"Your leaflet: https://sp.example/l/{run}x{n}"),
                     idempotency_key=f"cpu:{run}:{n}", origin=Origin.OFFICER)
    return time.process_time() - start


def _wait_delivered(run: str, count: int, timeout_s: float) -> int:
    from messaging.models import Message

    deadline = time.monotonic() + timeout_s
    while True:
        done = Message.objects.filter(template=f"bench-{run}", status__in=SMS_FINAL).count()
        if done >= count or time.monotonic() > deadline:
            return Message.objects.filter(template=f"bench-{run}", status="delivered").count()
        time.sleep(0.5)


def _bare_request_cpu_ms(service: Service, count: int = 300) -> float:
    import requests

    url = f"{service.url('web')}/no-such-page-{time.time_ns()}"
    with requests.Session() as session:
        session.get(url, timeout=10)
        before = tree_cpu(service, "web")
        for _ in range(count):
            session.get(url, timeout=10)
        return (tree_cpu(service, "web") - before) * 1000 / count


def _settled(service: Service, timeout_s: float = 60) -> None:
    """Wait until the workers' CPU stops climbing (start-up done, idle)."""
    deadline = time.monotonic() + timeout_s
    last = tree_cpu(service, "worker-")
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = tree_cpu(service, "worker-")
        if now - last < 0.03:
            return
        last = now


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """One mode, this tree's code: the figures as a dict (also printed by the caller)."""
    scaled = scaled_config() if args.mode == "scaled" else None
    var = Path(tempfile.mkdtemp(prefix=f"signpost-cpu-{args.mode}-"))
    service = prepare(var, scaled=scaled, web_workers=args.web_workers, extra_env={
        "EMULATOR_TWILIO_CALLBACK_DELAY": str(args.callback_delay)})
    try:
        start_processes(service, {"web", "twilio-emulator"})
        wait_http(f"{service.url('web')}/leaflet/", what="web")
        wait_http(f"{service.url('twilio-emulator')}/healthz", what="twilio emulator")
        from benchmarks.harness import use_django

        use_django(service)
        bare_ms = _bare_request_cpu_ms(service)
        service.start_workers(args.workers, args.threads)
        _settled(service)  # the consumers' start-up (imports, Django) is not per-message work
        run = f"c{int(time.time())}"
        pg_pids = set(_postgres_pids(service))
        pg_before = {pid: cpu_s(pid) for pid in pg_pids}
        before = {kind: tree_cpu(service, kind) for kind in ("web", "worker-", "twilio")}
        started = time.monotonic()
        record_s = _record(args.sms, run)
        delivered = _wait_delivered(run, args.sms, timeout_s=60 + args.sms / 2)
        elapsed = time.monotonic() - started
        after = {kind: tree_cpu(service, kind) for kind in ("web", "worker-", "twilio")}
        worker_s, web_s, emulator_s = (after[k] - before[k] for k in ("worker-", "web", "twilio"))
        pg_s = sum(cpu_s(pid) - pg_before.get(pid, 0.0)
                   for pid in pg_pids | set(_postgres_pids(service)))
        service.stop_processes("worker-")
        per = 1000 / args.sms
        return {"mode": args.mode, "sms": args.sms, "delivered": delivered,
                "record_ms": record_s * per, "worker_ms": worker_s * per, "web_ms": web_s * per,
                "service_ms": (record_s + worker_s + web_s) * per, "postgres_ms": pg_s * per,
                "emulator_ms": emulator_s * per, "wall_rate": delivered / elapsed,
                "bare_request_ms": bare_ms}
    finally:
        service.stop()


def _print(label: str, figures: dict[str, Any]) -> None:
    service_ms = figures["service_ms"]
    line(f"{label}: service CPU-ms per SMS", f"{service_ms:6.2f} ms = recording "
         f"{figures['record_ms']:.2f} + workers {figures['worker_ms']:.2f} + callbacks (web) "
         f"{figures['web_ms']:.2f}; {1000 / service_ms:6.1f} msg/s per core")
    if figures["mode"] == "scaled":
        total = service_ms + figures["postgres_ms"]
        line(f"{label}: + PostgreSQL", f"{figures['postgres_ms']:6.2f} ms -> {total:.2f} ms; "
             f"{1000 / total:6.1f} msg/s per core")
    line(f"{label}: provider emulator (not ours)", f"{figures['emulator_ms']:6.2f} ms per SMS")
    line(f"{label}: wall rate, {figures['delivered']}/{figures['sms']} delivered",
         f"{figures['wall_rate']:6.1f} msg/s")
    line(f"{label}: baseline, bare Django request (404)",
         f"{figures['bare_request_ms']:6.2f} CPU-ms in gunicorn "
         f"(one SMS = {service_ms / figures['bare_request_ms']:.1f} bare requests)")


def _clone(ref: str) -> Path:
    repo = Path(__file__).resolve().parents[1]
    where = Path(tempfile.mkdtemp(prefix="signpost-ref-"))
    subprocess.run(["git", "clone", "--quiet", "--shared", "--no-checkout", str(repo),
                    str(where)], check=True)
    subprocess.run(["git", "-C", str(where), "checkout", "--quiet", ref], check=True)
    for script in ("cpu_per_message.py", "cpu.py"):
        shutil.copy(Path(__file__).with_name(script), where / "benchmarks" / script)
    return where


def _child(tree: Path, mode: str, argv: list[str]) -> dict[str, Any] | None:
    done = subprocess.run([sys.executable, "-m", "benchmarks.cpu_per_message", *argv,
                           "--mode", mode], cwd=tree, capture_output=True, text=True,
                          check=False)
    for text in reversed(done.stdout.splitlines()):
        if text.startswith("{"):
            figures: dict[str, Any] = json.loads(text)
            return figures
    print(f"  run failed in {tree}: {done.stderr.strip()[-600:]}", flush=True)
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cpu_per_message",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", default="embedded,scaled")
    parser.add_argument("--ref", default="", help="also measure this git ref (temporary clone)")
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds per mode")
    parser.add_argument("--sms", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--callback-delay", type=float, default=0.05)
    parser.add_argument("--mode", help=argparse.SUPPRESS)  # one mode, in a child process
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.mode:
        print(json.dumps(measure(args)), flush=True)
        return 0
    here = Path(__file__).resolve().parents[1]
    trees = {"this tree": here}
    child_args = [f"--sms={args.sms}", f"--workers={args.workers}", f"--threads={args.threads}",
                  f"--web-workers={args.web_workers}", f"--callback-delay={args.callback_delay}"]
    if args.ref:
        trees = {f"ref {args.ref}": _clone(args.ref), **trees}
    print(f"CPU per SMS: {args.sms} SMS, {args.workers} worker(s) x {args.threads} threads, "
          f"{args.web_workers} web workers; {', '.join(trees)}; {load_conditions()}", flush=True)
    failed = 0
    try:
        for mode in args.modes.split(","):
            heading(f"{mode} mode")
            for round_no in range(1, args.rounds + 1):
                for label, tree in trees.items():
                    figures = _child(tree, mode, child_args)
                    if figures is None:
                        failed += 1
                        continue
                    _print(f"{label} (round {round_no})", figures)
                print(f"  ({load_conditions()})", flush=True)
    finally:
        for label, tree in trees.items():
            if label.startswith("ref "):
                shutil.rmtree(tree, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
