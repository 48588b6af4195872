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

from signpost.launcher.databases import drop_databases, ensure_databases
from signpost.launcher.model import ensure_model
from signpost.launcher.stack import REPO, Ports, Scaled, Stack

READY_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def free_ports() -> Ports:
    return Ports(web=free_port(), rasa=free_port(), actions=free_port(),
                 twilio_emulator=free_port(), smtp=free_port(), smtp_web=free_port(),
                 notify_emulator=free_port())


@dataclass
class RunningStack:
    config: Stack
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, IO[bytes]] = field(default_factory=dict)
    argv: dict[str, list[str]] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    def launch(self, name: str, argv: list[str]) -> None:
        if name not in self.logs:
            log_path = self.config.var_dir / "logs" / f"{name}.log"
            self.logs[name] = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.argv[name] = argv
        self.processes[name] = subprocess.Popen(
            argv, env=self.env, cwd=REPO, stdout=self.logs[name], stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def restart(self, name: str) -> None:
        """Start a process of the stack again (after a test stopped it)."""
        process = self.processes[name]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        self.launch(name, self.argv[name])

    def get_json(self, url: str, timeout: float = 10) -> tuple[int, Any]:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def post_json(self, url: str, body: object, timeout: float = 60,
                  headers: dict[str, str] | None = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            url, data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.config.var_dir / "logs" / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        self._stop_processes()
        if self.config.scaled is not None:
            drop_databases(self.config.scaled)

    def _stop_processes(self) -> None:
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


def scaled_config(name: str) -> Scaled:
    """A scaled mode of its own for one test session: fresh databases, queue name, lock prefix."""
    database = os.environ.get("SCALED_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    redis = os.environ.get("SCALED_REDIS_URL", "redis://127.0.0.1:6379/14")
    return Scaled(
        database_url=f"{database.rsplit('/', 1)[0]}/{name}",
        redis_url=redis,
        workers=2,
        extra_rasa_ports=(free_port(),),
        name=name,
    )


def start_stack(var_dir: Path, only: set[str] | None = None,
                scaled: Scaled | None = None) -> RunningStack:
    """Migrate and seed a fresh database, then start the processes (all, or `only`).

    Embedded (the default): SQLite files and Huey in var_dir. Scaled: the given PostgreSQL
    databases (created here, dropped by stop()) and Redis, two workers and two Rasa servers.
    """
    # Both providers' stand-ins run: a test moves the force to Notify by its settings.
    config = Stack(var_dir=var_dir, ports=free_ports(), web_workers=1, scaled=scaled, notify=True)
    config.prepare_dirs()
    (var_dir / "logs").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(config.env())
    # Every test's browser and phones share one address (loopback) and one stack: the per-client
    # web chat limits would count several whole conversations as one person's. The limits have
    # their own tests (tests/chat/test_chat_limits.py, tests/messaging/test_sender_limit.py).
    env.update({"SIGNPOST_CHAT_MESSAGES_PER_CLIENT": "10000",
                "SIGNPOST_CHAT_SESSIONS_PER_CLIENT": "10000"})
    if scaled is not None:
        ensure_databases(scaled)
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, capture_output=True)
    model = ensure_model(REPO / "var" / "models", env)
    running = RunningStack(config, env=env)
    for name, argv in config.commands(model).items():
        if only is None or name in only:
            running.launch(name, argv)
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
