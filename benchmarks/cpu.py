"""CPU seconds of the benchmark's processes, from /proc: each started process with its children
(gunicorn's workers), user + system. Unlike wall-clock figures, these hardly move when other jobs
share the machine."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.harness import Service

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14, 15)


def session(sid: int) -> list[int]:
    """Every live process of a session (a started process and its children, e.g. gunicorn's)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(fields[3]) == sid:  # session id (field 6)
                pids.append(int(entry.name))
    return pids


def tree_cpu(service: Service, prefix: str) -> float:
    """CPU seconds of the processes whose names start with ``prefix``, children included."""
    return sum(cpu_s(pid) for name, process in service.processes.items()
               if name.startswith(prefix) for pid in session(process.pid))
