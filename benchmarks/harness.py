"""Start real processes of the service for a benchmark: the launcher's own process table on free
loopback ports, in a throwaway var/ folder, embedded (SQLite) or scaled (fresh PostgreSQL
databases, Redis), with any number of Huey consumer processes.

The benchmark's own process then configures Django with the same environment, so it can write
rows and queue tasks exactly as the web process would, and read the results back.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from signpost.launcher.__main__ import wait_until_healthy
from signpost.launcher.databases import drop_databases, ensure_databases
from signpost.launcher.stack import REPO, Ports, Scaled, Stack

# Redis database 13: the test suite uses 14 and 15, a developer's `make run --scaled` uses 0.
BENCH_REDIS_URL = "redis://127.0.0.1:6379/13"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def scaled_config(workers: int = 1, rasa_servers: int = 1) -> Scaled:
    """A scaled mode of its own: fresh databases, its own Huey queue name and lock prefix."""
    name = f"signpost_bench_{uuid.uuid4().hex[:8]}"
    database = os.environ.get("SCALED_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    return Scaled(
        database_url=f"{database.rsplit('/', 1)[0]}/{name}",
        redis_url=os.environ.get("BENCH_REDIS_URL", BENCH_REDIS_URL),
        workers=workers,
        extra_rasa_ports=tuple(free_port() for _ in range(rasa_servers - 1)),
        name=name,
    )


@dataclass
class Service:
    """Some processes of one copy of the service; ``stop()`` ends them and drops its databases."""

    stack: Stack
    env: dict[str, str]
    model: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, IO[bytes]] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        return "embedded" if self.stack.scaled is None else "scaled"

    def url(self, name: str) -> str:
        ports = self.stack.ports
        port = {"web": ports.web, "twilio-emulator": ports.twilio_emulator,
                "notify-emulator": ports.notify_emulator,
                "smtp-web": ports.smtp_web, "actions": ports.actions}[name]
        return self.stack.url(port)

    def start(self, name: str, argv: list[str], extra_env: dict[str, str] | None = None) -> None:
        log = open(self.stack.var_dir / "logs" / f"{name}.log", "ab")  # noqa: SIM115 (stop())
        self.logs[name] = log
        self.processes[name] = subprocess.Popen(
            argv, env={**self.env, **(extra_env or {})}, cwd=REPO, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def start_workers(self, count: int, threads: int) -> None:
        """``count`` Huey consumer processes (manage.py run_huey), each with ``threads`` threads."""
        argv = [sys.executable, str(REPO / "manage.py"), "run_huey"]
        for n in range(1, count + 1):
            self.start(f"worker-{n}", argv, {"HUEY_WORKERS": str(threads)})

    def stop_processes(self, prefix: str = "") -> None:
        chosen = {name: p for name, p in self.processes.items() if name.startswith(prefix)}
        for process in chosen.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for name, process in chosen.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            del self.processes[name]
            self.logs.pop(name).close()

    def stop(self) -> None:
        self.stop_processes()
        if self.stack.scaled is not None:
            drop_databases(self.stack.scaled)

    def wait_healthy(self, timeout_s: float) -> None:
        """Until /healthz answers 200 (the launcher's own poll); TimeoutError after timeout_s."""
        if wait_until_healthy(self.url("web"), timeout_s) is None:
            raise TimeoutError(f"the stack was not healthy within {timeout_s:.0f} s")

    def log_tail(self, name: str, lines: int = 20) -> str:
        path = self.stack.var_dir / "logs" / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def prepare(var_dir: Path, *, scaled: Scaled | None, web_workers: int = 2,
            extra_env: dict[str, str] | None = None, model: bool = False) -> Service:
    """Migrate and seed a fresh database; no process started yet."""
    ports = Ports(web=free_port(), rasa=free_port(), actions=free_port(),
                  twilio_emulator=free_port(), smtp=free_port(), smtp_web=free_port(),
                  notify_emulator=free_port())
    # Both SMS providers' stand-ins are in the process table; a script starts those it needs.
    stack = Stack(var_dir=var_dir, ports=ports, web_workers=web_workers, scaled=scaled,
                  notify=True)
    stack.prepare_dirs()
    (var_dir / "logs").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(stack.env())
    # DEBUG off, as in production: Django would otherwise keep every query in memory.
    env.update({"LOG_LEVEL": "WARNING", "DEBUG": "false", **(extra_env or {})})
    if scaled is not None:
        ensure_databases(scaled)
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "collectstatic", "--noinput"], env=env, check=True,
                   capture_output=True)
    return Service(stack=stack, env=env, model=pick_model(env) if model else Path("no-model"))


def pick_model(env: dict[str, str]) -> Path:
    """The model matching the bot data if trained, else the newest in var/models (training
    takes minutes on a busy machine: the benchmarks never wait for it unless there is none)."""
    from signpost.launcher.model import ensure_model, model_path

    models = REPO / "var" / "models"
    newest = sorted(models.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    chosen = model_path(models)
    if not chosen.exists() and newest:
        chosen = newest[-1]
        print(f"benchmark: using {chosen.name} (the bot data changed since; `make train`)")
    return chosen if chosen.exists() else ensure_model(models, env)


def start_processes(service: Service, names: set[str]) -> None:
    """Start the launcher's processes named (workers are started with ``start_workers``)."""
    for name, argv in service.stack.commands(service.model).items():
        if name in names:
            service.start(name, argv)


def wait_http(url: str, timeout_s: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (loopback, ours)
                return
        except urllib.error.HTTPError:
            return  # it answered
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise TimeoutError(f"{what or url} did not answer within {timeout_s:.0f} s")


def use_django(service: Service) -> None:
    """Configure this process's Django with the service's environment (once per process)."""
    os.environ.update(service.env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django

    django.setup()
