"""Resident memory of every process of the full stack, idle and under load; model load time.

    .venv/bin/python -m benchmarks.memory                     (make bench-memory)
    .venv/bin/python -m benchmarks.memory --mode scaled --load-seconds 20

Starts every process as the run command does (embedded: one worker, one Rasa server; scaled:
--workers workers and two Rasa servers), waits for /healthz, then reads each process group's
memory from /proc: RSS (counts pages shared between gunicorn's forked workers once per process)
and PSS (shares them out, so the PSS column adds up to the machine's real use). Then the same
under load (leaflet pages at 100 req/s, officer sends, conversations), as peaks sampled every
0.5 s. Baselines: a bare Python interpreter and PostgreSQL/Redis are not counted (shared
services). Model load time: from starting Rasa to its /status naming a loaded model.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

from benchmarks.harness import Service, prepare, scaled_config, start_processes, use_django
from benchmarks.latency import READY_S, _inbound_latencies, _officer_sends
from benchmarks.pages_load import _open_loop
from benchmarks.stats import heading, line

MIB = 1024 * 1024


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp
                pids.append(int(entry))
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process; zeros if it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0, 0
    values = {row.split(":")[0]: int(row.split()[1]) * 1024 for row in rollup[1:] if ":" in row}
    return values.get("Rss", 0), values.get("Pss", 0)


def snapshot(service: Service) -> dict[str, tuple[int, int]]:
    """Process name -> (RSS, PSS) summed over its process group (gunicorn's workers too)."""
    result = {}
    for name, process in service.processes.items():
        sizes = [_memory(pid) for pid in _group_pids(process.pid)]
        result[name] = (sum(s[0] for s in sizes), sum(s[1] for s in sizes))
    return result


def _print(title: str, sizes: dict[str, tuple[int, int]]) -> None:
    heading(title)
    for name, (rss, pss) in sorted(sizes.items()):
        line(name, f"RSS {rss / MIB:7.0f} MiB   PSS {pss / MIB:7.0f} MiB")
    line("whole stack", f"RSS {sum(s[0] for s in sizes.values()) / MIB:7.0f} MiB   "
         f"PSS {sum(s[1] for s in sizes.values()) / MIB:7.0f} MiB   (goal: under 2048 MiB idle)")


def _bare_python_rss() -> int:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3)"])
    time.sleep(1)
    rss = _memory(child.pid)[0]
    child.wait()
    return rss


def _model_load_s(service: Service, started: float) -> str:
    """Seconds from starting the Rasa servers until each answers /status with a model."""
    times = []
    for port in service.stack.rasa_ports:
        url = f"{service.stack.url(port)}/status?token={service.stack.rasa_token}"
        while time.monotonic() - started < 600:
            try:
                if requests.get(url, timeout=5).json().get("model_file"):
                    times.append(time.monotonic() - started)
                    break
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.5)
    return ", ".join(f"{t:.1f} s" for t in times) or "not loaded within 600 s"


def _load(service: Service, seconds: float) -> None:
    url = f"{service.url('web')}/leaflet/en/"
    failed: list[str] = []

    def guarded(name: str, action: Callable[[], object]) -> threading.Thread:
        def run() -> None:
            try:
                action()
            except Exception as error:  # the figures would be wrong: fail the run below
                failed.append(f"{name}: {error!r}")
        return threading.Thread(target=run)

    work = [guarded("pages", lambda: asyncio.run(_open_loop(url, 100, seconds))),
            guarded("officer sends", lambda: _officer_sends(int(seconds * 10), 10.0)),
            guarded("conversations", lambda: _inbound_latencies(service, 10, 3, 500, 0.0))]
    for thread in work:
        thread.start()
    peaks: dict[str, tuple[int, int]] = {}
    while any(thread.is_alive() for thread in work):
        for name, (rss, pss) in snapshot(service).items():
            old = peaks.get(name, (0, 0))
            peaks[name] = (max(old[0], rss), max(old[1], pss))
        time.sleep(0.5)
    if failed:
        raise SystemExit("the load did not run: " + "; ".join(failed))
    _print("under load: peak per process", peaks)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["embedded", "scaled"], default="embedded")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (scaled)")
    parser.add_argument("--load-seconds", type=float, default=15)
    args = parser.parse_args(argv)
    scaled = scaled_config(workers=args.workers, rasa_servers=2) if args.mode == "scaled" else None
    service = prepare(Path(tempfile.mkdtemp(prefix=f"signpost-memory-{args.mode}-")),
                      scaled=scaled, model=True)
    try:
        started = time.monotonic()
        start_processes(service, {"web", "actions", "twilio-emulator", "smtp-sink", "rasa",
                                  "rasa-1", "rasa-2"})
        service.start_workers(1 if scaled is None else args.workers, 2)
        heading(f"{args.mode} mode: start-up")
        line("Rasa model loaded (per server)", _model_load_s(service, started))
        service.wait_healthy(READY_S)
        line("whole stack healthy", f"{time.monotonic() - started:.1f} s")
        line("bare Python interpreter (baseline)", f"RSS {_bare_python_rss() / MIB:.0f} MiB")
        time.sleep(5)
        _print(f"{args.mode} mode: idle", snapshot(service))
        use_django(service)
        _load(service, args.load_seconds)
        _print(f"{args.mode} mode: idle again after the load", snapshot(service))
    finally:
        service.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
