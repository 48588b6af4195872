"""Start the real processes of the service for a test, on free ports, and stop them afterwards."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from signpost.launcher.model import ensure_model
from signpost.launcher.stack import REPO, Ports, Stack, process_env

READY_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def free_ports() -> Ports:
    return Ports(web=free_port(), rasa=free_port(), actions=free_port(),
                 twilio_emulator=free_port(), smtp=free_port(), smtp_web=free_port())


@dataclass
class RunningStack:
    config: Stack
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, IO[bytes]] = field(default_factory=dict)

    def get_json(self, url: str, timeout: float = 10) -> tuple[int, Any]:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def post_json(self, url: str, body: object, timeout: float = 60) -> tuple[int, Any]:
        request = urllib.request.Request(
            url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.config.var_dir / "logs" / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in self.logs.values():
            log.close()


def start_stack(var_dir: Path, only: set[str] | None = None) -> RunningStack:
    """Migrate and seed a fresh database in var_dir, then start the processes (all, or `only`)."""
    config = Stack(var_dir=var_dir, ports=free_ports(), web_workers=1)
    config.prepare_dirs()
    (var_dir / "logs").mkdir(exist_ok=True)
    env = process_env(config)
    for scaled in ("DATABASE_URL", "REDIS_URL"):  # the stack tests use the embedded default
        env.pop(scaled, None)
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, capture_output=True)
    model = ensure_model(REPO / "var" / "models", env)
    running = RunningStack(config)
    for name, argv in config.commands(model).items():
        if only is not None and name not in only:
            continue
        log = open(var_dir / "logs" / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop())
        running.logs[name] = log
        running.processes[name] = subprocess.Popen(
            argv, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    return running


def wait_for(check: Any, timeout_s: float = READY_TIMEOUT_S, what: str = "condition") -> Any:
    """Call check() until it returns something truthy; fail with `what` after the timeout."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = check()
        except (urllib.error.URLError, OSError, ValueError) as error:
            last_error = error
        else:
            if result:
                return result
        time.sleep(0.5)
    raise TimeoutError(f"timed out waiting for {what} (last error: {last_error!r})")
