"""The run command: set up the embedded default and run every process until Ctrl-C.

    .venv/bin/python -m signpost.launcher        (what ``make run`` calls after set-up)

Migrates the database, loads the demo data, trains the assistant if no model matches the bot's
data, then starts the web app, the worker, Rasa, the action server, the Twilio-API emulator and
the SMTP sink under one process manager, and prints the URLs and demo log-ins once /healthz
reports every process up. Ctrl-C stops them all.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from honcho.manager import Manager

from emulators.oidc_provider.demo import DEMO_PASSWORD as IDP_DEMO_PASSWORD
from signpost.launcher.model import ensure_model
from signpost.launcher.stack import REPO, Ports, Scaled, Stack, process_env

READY_TIMEOUT_S = 300


def _busy_ports(stack: Stack) -> list[int]:
    busy = []
    for port in {*vars(stack.ports).values(), *stack.rasa_ports}:
        with socket.socket() as probe:
            if probe.connect_ex((stack.host, port)) == 0:
                busy.append(port)
    return busy


class StepFailed(Exception):
    """A preparation step failed; the message says which and shows its own error output."""


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env=env, cwd=REPO, check=False, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise StepFailed(f"'manage.py {' '.join(args)}' failed:\n{done.stderr.strip()[-3000:]}")
    return done.stdout


def wait_until_healthy(url: str, timeout_s: float) -> dict[str, object] | None:
    """Poll /healthz until it answers 200; return its JSON, or None when time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:  # noqa: S310
                body: dict[str, object] = json.loads(response.read())
                return body
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(1)
    return None


def _banner(stack: Stack, logins: str) -> str:
    p = stack.ports
    return "\n".join([
        "",
        "=" * 72,
        "Signpost is running "
        + ("(scaled mode: PostgreSQL, Redis, several workers and Rasa servers)" if stack.scaled
           else "(embedded default: SQLite, Huey on SQLite, local stand-ins)"),
        f"  Web app and admin     {stack.web_url}/admin/",
        f"  Portal (staff log-in) {stack.web_url}/portal/",
        f"  Health                {stack.web_url}/healthz",
        f"  Phone simulator       {stack.url(p.twilio_emulator)}/   (Twilio-API emulator)",
        f"  Mailbox               {stack.url(p.smtp_web)}/   (SMTP sink, SMTP on port {p.smtp})",
        *([f"  Notify sent items     {stack.url(p.notify_emulator)}/   (Notify-API emulator)"]
          if stack.notify else []),
        *([f"  Identity provider     {stack.oidc_issuer}   (local OIDC: "
           f"\"Sign in with Northbridge ID\" on the portal's log-in page; demo-officer, "
           f"demo-supervisor ... with password {IDP_DEMO_PASSWORD})"] if stack.oidc else []),
        *[f"  Rasa server           {stack.url(port)}   (API token: {stack.rasa_token})"
          for port in stack.rasa_ports],
        f"  Action server         {stack.url(p.actions)}/health",
        "  Demo log-ins (fictional data, local mode only):",
        *[f"    {line}" for line in logins.strip().splitlines()],
        "Press Ctrl-C to stop every process.",
        "=" * 72,
        "",
    ])


def _announce_when_ready(stack: Stack, logins: str) -> None:
    health = wait_until_healthy(stack.web_url, READY_TIMEOUT_S)
    if health is None:
        print(f"launcher: not every process is up after {READY_TIMEOUT_S}s; "
              f"see {stack.web_url}/healthz", flush=True)
    else:
        print(_banner(stack, logins), flush=True)


def _stack_from_args(argv: list[str] | None) -> Stack:
    parser = argparse.ArgumentParser(prog="python -m signpost.launcher", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port-offset", type=int, default=0,
                        help="add this to every default port (run a second copy beside the first)")
    parser.add_argument("--var-dir", default=None, help="where databases and logs go (var/)")
    parser.add_argument("--scaled", action="store_true",
                        help="PostgreSQL and Redis (DATABASE_URL, REDIS_URL; local defaults), "
                             "several workers and Rasa servers")
    parser.add_argument("--workers", type=int, default=2, help="Huey workers (scaled mode)")
    parser.add_argument("--rasa-servers", type=int, default=2, help="Rasa servers (scaled mode)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    defaults = Stack()
    ports = Ports(**{name: port + args.port_offset for name, port in vars(Ports()).items()})
    var_dir = defaults.var_dir if args.var_dir is None else Path(args.var_dir).resolve()
    scaled = None
    if args.scaled:
        base = Scaled()
        scaled = Scaled(
            database_url=os.environ.get("DATABASE_URL", base.database_url),
            redis_url=os.environ.get("REDIS_URL", base.redis_url),
            workers=args.workers,
            extra_rasa_ports=tuple(ports.rasa + n for n in range(1, args.rasa_servers)),
        )
    return dataclasses.replace(defaults, ports=ports, var_dir=var_dir, scaled=scaled,
                               web_workers=args.web_workers)


def main(argv: list[str] | None = None) -> int:
    stack = _stack_from_args(argv)
    busy = _busy_ports(stack)
    if busy:
        print(f"launcher: ports already in use on {stack.host}: {busy}. Is Signpost already "
              "running? Stop it (Ctrl-C in its terminal) and try again.", file=sys.stderr)
        return 2
    stack.prepare_dirs()
    if stack.scaled is not None:
        from signpost.launcher.databases import ensure_databases

        for name in ensure_databases(stack.scaled):
            print(f"launcher: created PostgreSQL database {name}", flush=True)
    env = process_env(stack)
    print("launcher: migrating the database and loading the demo data", flush=True)
    try:
        _manage(env, "migrate", "--noinput")
        logins = _manage(env, "seed_demo")
        model = ensure_model(REPO / "var" / "models", env)
    except (StepFailed, subprocess.CalledProcessError) as error:
        print(f"launcher: {error}", file=sys.stderr)
        return 1

    manager = Manager()
    for name, argv in stack.commands(model).items():
        manager.add_process(name, shlex.join(argv), env=env, cwd=str(REPO))
    threading.Thread(target=_announce_when_ready, args=(stack, logins), daemon=True).start()
    manager.loop()
    return int(manager.returncode or 0)


if __name__ == "__main__":
    sys.exit(main())
