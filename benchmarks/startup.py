"""Measure a cold set-up, a model training and a cold start of the run command.

    .venv/bin/python benchmarks/startup.py [--skip-setup]

Works in a fresh `git clone` of this repository's HEAD in a temporary folder, so nothing of the
developer's var/ or .venv/ is reused (pip's download cache is, as on any developer machine). It
prints one line per figure; docs/timings.md records the latest. The run command is started with
--port-offset so it can run beside a developer's own copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from signpost.launcher.__main__ import wait_until_healthy
from signpost.launcher.stack import REPO

PORT_OFFSET = 21000


def timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_start(clone: Path, python: Path) -> float:
    """Seconds from starting the run command to /healthz reporting every process up."""
    start = time.perf_counter()
    launcher = subprocess.Popen(
        [str(python), "-m", "signpost.launcher", "--port-offset", str(PORT_OFFSET)],
        cwd=clone, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        healthy = wait_until_healthy(f"http://127.0.0.1:{8000 + PORT_OFFSET}", 600)
        elapsed = time.perf_counter() - start
        if healthy is None:
            raise RuntimeError("the run command did not come up within 600 s")
        return elapsed
    finally:
        os.killpg(launcher.pid, signal.SIGINT)
        launcher.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-setup", action="store_true",
                        help="reuse this checkout's .venv instead of timing a fresh install")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signpost-startup-") as tmp:
        clone = Path(tmp) / "signpost"
        subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
        print(f"machine: {os.cpu_count()} cores; clone of {REPO} at HEAD")
        if args.skip_setup:
            (clone / ".venv").symlink_to(REPO / ".venv")
        else:
            setup = timed(["scripts/setup.sh"], clone)
            print(f"cold set-up (scripts/setup.sh, new .venv): {setup:.1f} s")
        again = timed(["scripts/setup.sh"], clone)
        print(f"set-up again (up to date, no-op):          {again:.2f} s")
        python = clone / ".venv" / "bin" / "python"
        models = Path(tmp) / "models"
        train = timed([str(python), "-m", "signpost.launcher.model", str(models)], clone,
                      env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
        print(f"model training (rasa train, from scratch): {train:.1f} s")
        # The clone trains into its own var/models on first start: time that start (with Rasa's
        # training cache emptied, so it really trains from scratch), then a warm one.
        shutil.rmtree(clone / "var" / "rasa-cache", ignore_errors=True)
        print(f"cold start of the run command, incl. training: {cold_start(clone, python):.1f} s")
        print(f"start of the run command, model present:       {cold_start(clone, python):.1f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
