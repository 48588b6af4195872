"""Starting only the processes a fault test needs (web, worker(s), emulator, sink) — no Rasa
model is trained — and driving the stack's database from a helper subprocess.

The processes are the real ones (``signpost.launcher.stack``), on free ports, in a private
``var/``; ``RunningStack.stop()`` stops them (and drops scaled databases).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from signpost.launcher.databases import ensure_databases
from signpost.launcher.stack import REPO, Scaled, Stack
from tests.stack import RunningStack, free_ports, wait_for

# Short windows so recovery is visible within a test (documented in docs/security.md).
FAST_RECOVERY = {
    "SIGNPOST_SWEEP_STUCK_S": "5",
    "SIGNPOST_RETRY_BASE_S": "1",
    "SIGNPOST_RETRY_CAP_S": "8",
    "SIGNPOST_SEND_MAX_ATTEMPTS": "25",
    "SIGNPOST_PROVIDER_TIMEOUT_S": "2",
    "HUEY_WORKERS": "4",
    "LOG_LEVEL": "INFO",
}


class FaultStack:
    def __init__(self, var_dir: Path, *, only: set[str], extra_env: dict[str, str] | None = None,
                 scaled: Scaled | None = None) -> None:
        self.config = Stack(var_dir=var_dir, ports=free_ports(), web_workers=1, scaled=scaled,
                            notify="notify-emulator" in only)
        self.only = only
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
        self.env.update(self.config.env())
        self.env.update(FAST_RECOVERY)
        self.env.update(extra_env or {})
        self.running = RunningStack(self.config)
        self.argv = self.config.commands(var_dir / "no-model.tar.gz")

    def start(self) -> FaultStack:
        self.config.prepare_dirs()
        (self.config.var_dir / "logs").mkdir(exist_ok=True)
        if self.config.scaled is not None:
            ensure_databases(self.config.scaled)
        manage = [sys.executable, str(REPO / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput"], env=self.env, check=True,
                       capture_output=True)
        subprocess.run([*manage, "seed_demo"], env=self.env, check=True, capture_output=True)
        for name in self.argv:
            if name in self.only or name.startswith(tuple(f"{o}-" for o in self.only)):
                self.start_process(name)
        wait_for(lambda: self.get(self.twilio_url + "/healthz") if "twilio-emulator" in self.only
                 else True, 60, "the Twilio emulator")
        wait_for(lambda: self.get(self.notify_url + "/healthz") if "notify-emulator" in self.only
                 else True, 60, "the Notify emulator")
        wait_for(lambda: self._web_up(), 60, "the web process")
        return self

    def _web_up(self) -> bool:
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(self.config.web_url + "/leaflet/", timeout=5) as answer:
                return bool(answer.status == 200)
        except urllib.error.HTTPError:
            return False

    def start_process(self, name: str) -> None:
        log = open(self.config.var_dir / "logs" / f"{name}.log", "ab")  # noqa: SIM115
        self.running.logs[f"{name}-{time.monotonic()}"] = log
        self.running.processes[name] = subprocess.Popen(
            self.argv[name], env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def kill(self, name: str) -> None:
        """SIGKILL the process and all it started (no clean shutdown, no atexit)."""
        process = self.running.processes[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        self.running.stop()

    @property
    def twilio_url(self) -> str:
        return self.config.url(self.config.ports.twilio_emulator)

    @property
    def notify_url(self) -> str:
        return self.config.url(self.config.ports.notify_emulator)

    @property
    def sink_url(self) -> str:
        return self.config.url(self.config.ports.smtp_web)

    def get(self, url: str) -> Any:
        return self.running.get_json(url)[1]

    def post(self, url: str, body: object) -> Any:
        return self.running.post_json(url, body)[1]

    def delete(self, url: str) -> None:
        import urllib.request

        request = urllib.request.Request(url, method="DELETE")
        with urllib.request.urlopen(request, timeout=10):
            pass

    def ctl(self, *args: str, timeout: float = 600) -> Any:
        """Run ``tests.hardening.stackctl`` against this stack's database; its JSON answer."""
        done = subprocess.run([sys.executable, "-m", "tests.hardening.stackctl", *args],
                              env={**self.env, "DJANGO_SETTINGS_MODULE": "signpost.settings"},
                              cwd=REPO, capture_output=True, text=True, timeout=timeout,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"stackctl {args[0]} failed: {done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def logs_text(self, *prefixes: str) -> str:
        """The logs of the processes whose names start with one of ``prefixes`` (all if none)."""
        return "\n".join(path.read_text(errors="replace")
                         for path in sorted((self.config.var_dir / "logs").glob("*.log"))
                         if not prefixes or path.name.startswith(prefixes))
