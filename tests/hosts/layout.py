"""The documented multi-machine layout (docs/deployment.md) on network namespaces: a database host
(PostgreSQL, Redis), a web host, two worker hosts, two Rasa hosts (each with its action server)
and a provider host (the Twilio emulator and the SMTP sink).

Every process runs in its host's namespace with a working folder and ``SIGNPOST_VAR_DIR`` of its
own, so anything that relies on a shared folder or on loopback fails. What a host needs reaches it
as the deployment doc says: the release tree (code and compiled catalogs) on every host, the model
file copied to each Rasa host, static files collected on the web host, migrations run once from
the web host.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from signpost.launcher.databases import ensure_databases
from signpost.launcher.model import ensure_model
from signpost.launcher.stack import BOT, REPO, Scaled
from tests.hosts.netns import Network

HOSTS = ["db", "web", "worker-1", "worker-2", "rasa-1", "rasa-2", "provider"]
WORKERS = ["worker-1", "worker-2"]
RASA_HOSTS = ["rasa-1", "rasa-2"]
WEB_PORT, RASA_PORT, ACTIONS_PORT = 8000, 5005, 5055
TWILIO_PORT, SMTP_PORT, SMTP_WEB_PORT = 8010, 1025, 8025
RASA_TOKEN = "hosts-rasa-token"
ACTION_TOKEN = "hosts-action-token"
NAME = "signpost"

# Short windows so recovery shows within the run (as in the fault tests' faultstack).
FAST_RECOVERY = {
    "SIGNPOST_SWEEP_STUCK_S": "5",
    "SIGNPOST_RETRY_BASE_S": "1",
    "SIGNPOST_RETRY_CAP_S": "8",
    "SIGNPOST_SEND_MAX_ATTEMPTS": "25",
    "SIGNPOST_PROVIDER_TIMEOUT_S": "3",
    "SIGNPOST_RASA_TIMEOUT_S": "10",
    "SIGNPOST_RELAY_MAX_ATTEMPTS": "40",
    "HUEY_WORKERS": "4",
    "LOG_LEVEL": "INFO",
}


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql")
    return Path(found[-1]).parent


@dataclass
class Layout:
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="signpost-hosts-")))
    net: Network = field(default_factory=lambda: Network(list(HOSTS)))
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: list[IO[bytes]] = field(default_factory=list)
    started_s: dict[str, float] = field(default_factory=dict)

    # --- addresses and environment ---------------------------------------------------------------
    def addr(self, host: str) -> str:
        return self.net.address(host)

    def url(self, host: str, port: int) -> str:
        return f"http://{self.addr(host)}:{port}"

    @property
    def web_url(self) -> str:
        return self.url("web", WEB_PORT)

    @property
    def twilio_url(self) -> str:
        return self.url("provider", TWILIO_PORT)

    @property
    def scaled(self) -> Scaled:
        db = self.addr("db")
        return Scaled(database_url=f"postgres://postgres@{db}:5432/{NAME}",
                      redis_url=f"redis://{db}:6379/0", workers=len(WORKERS), name=NAME)

    def folder(self, host: str) -> Path:
        return self.root / host

    def env(self, host: str) -> dict[str, str]:
        """What an operator would put in the host's environment file."""
        web = self.web_url
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
               and not k.startswith(("SIGNPOST_", "RASA_", "TWILIO_", "SMTP_", "NOTIFY_"))}
        env.update(self.scaled.env())
        env.update(FAST_RECOVERY)
        env.update({
            "DJANGO_SETTINGS_MODULE": "signpost.settings",
            "PYTHONPATH": str(REPO),
            "PYTHONUNBUFFERED": "1",
            "HOME": str(self.folder(host)),
            "SIGNPOST_VAR_DIR": str(self.folder(host) / "var"),
            "DEBUG": "false",
            "ALLOWED_HOSTS": self.addr("web"),
            "SECRET_KEY": "hosts-test-secret-key-" + "x" * 40,
            "PUBLIC_BASE_URL": web,
            "RASA_URLS": ",".join(self.url(h, RASA_PORT) for h in RASA_HOSTS),
            "RASA_URL": self.url(RASA_HOSTS[0], RASA_PORT),
            "RASA_TOKEN": RASA_TOKEN,
            "ACTION_SERVER_URL": self.url(RASA_HOSTS[0], ACTIONS_PORT),
            "ACTION_SERVER_TOKEN": ACTION_TOKEN,
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(self.folder(host) / "rasa-cache"),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TWILIO_API_BASE_URL": self.twilio_url,
            "EMULATOR_TWILIO_SERVICE_NUMBER": "+447700900000",
            "SMTP_HOST": self.addr("provider"),
            "SMTP_PORT": str(SMTP_PORT),
            "SMTP_SINK_WEB_URL": self.url("provider", SMTP_WEB_PORT),
            "SIGNPOST_INBOUND_SMS_URL": f"{web}/webhooks/twilio/sms",
            "SIGNPOST_INBOUND_EMAIL_URL": f"{web}/webhooks/email/inbound",
            "EMULATOR_TWILIO_WEBHOOK_ATTEMPTS": "8",
            # One driver plays every phone: the per-client limits would count them as one.
            "SIGNPOST_CHAT_MESSAGES_PER_CLIENT": "10000",
            "SIGNPOST_CHAT_SESSIONS_PER_CLIENT": "10000",
        })
        if host in RASA_HOSTS:  # each Rasa server calls the action server beside it
            env["SANIC_HOST"] = self.addr(host)
            env["ACTION_SERVER_WEBHOOK_URL"] = f"{self.url(host, ACTIONS_PORT)}/webhook"
        return env

    # --- processes -------------------------------------------------------------------------------
    def run(self, host: str, argv: list[str], *, timeout: float = 600,
            user: str | None = None) -> subprocess.CompletedProcess[str]:
        """A one-off command on the host (an operator's shell there)."""
        prefix = ["ip", "netns", "exec", self.net.namespace(host)]
        if user:
            prefix += ["runuser", "-u", user, "--"]
        return subprocess.run([*prefix, *argv], env=self.env(host), cwd=self.folder(host),
                              capture_output=True, text=True, timeout=timeout, check=False)

    def must(self, host: str, argv: list[str], **kwargs: Any) -> str:
        done = self.run(host, argv, **kwargs)
        if done.returncode != 0:
            raise RuntimeError(f"{host}: {argv[:4]} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def start(self, name: str, host: str, argv: list[str], user: str | None = None) -> None:
        prefix = ["ip", "netns", "exec", self.net.namespace(host)]
        if user:
            prefix += ["runuser", "-u", user, "--"]
        log = open(self.root / "logs" / f"{name}.log", "ab")  # noqa: SIM115 (closed in down())
        self.logs.append(log)
        self.processes[name] = subprocess.Popen(
            [*prefix, *argv], env=self.env(host), cwd=self.folder(host), stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.root / "logs" / f"{name}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def logs_text(self, *prefixes: str) -> str:
        return "\n".join(p.read_text(errors="replace")
                         for p in sorted((self.root / "logs").glob("*.log"))
                         if not prefixes or p.name.startswith(prefixes))

    # --- bringing it up --------------------------------------------------------------------------
    def up(self) -> Layout:
        began = time.monotonic()
        self.root.chmod(0o755)
        (self.root / "logs").mkdir()
        for host in HOSTS:
            (self.folder(host) / "var").mkdir(parents=True)
        self.net.up()
        self._database_host()
        self.started_s["database host"] = time.monotonic() - began
        model = ensure_model(REPO / "var" / "models", dict(os.environ))
        with ThreadPoolExecutor(max_workers=4) as pool:
            rasa = [pool.submit(self._rasa_host, host, model) for host in RASA_HOSTS]
            web = pool.submit(self._web_host)
            pool.submit(self._provider_host).result()
            web.result()
            for host in WORKERS:
                self.start(host, host, [sys.executable, str(REPO / "manage.py"), "run_huey"])
            for job in rasa:
                job.result()
        self.wait(self.healthy, 300, "every process healthy on /healthz")
        self.started_s["whole layout"] = time.monotonic() - began
        return self

    def _database_host(self) -> None:
        bindir, folder = _pg_bin(), self.folder("db")
        data = folder / "pgdata"
        shutil.chown(folder, "postgres")
        subprocess.run(["runuser", "-u", "postgres", "--", str(bindir / "initdb"), "-D", str(data),
                        "-U", "postgres", "-A", "trust", "--no-sync"],
                       check=True, capture_output=True, timeout=120)
        # The other hosts reach it over the private network, not loopback.
        with open(data / "pg_hba.conf", "a") as hba:
            hba.write(f"host all all {self.net.prefix}0/24 trust\n")
        db = self.addr("db")
        # A lost host's connections are closed in seconds, with the row locks they hold: idle
        # ones by keepalives, ones with unacknowledged data by tcp_user_timeout, and any left
        # inside a transaction by idle_in_transaction_session_timeout (docs/deployment.md).
        self.start("postgres", "db", [str(bindir / "postgres"), "-D", str(data), "-p", "5432",
                                      "-k", str(folder), "-c", f"listen_addresses={db}",
                                      "-c", "fsync=off", "-c", "max_connections=300",
                                      "-c", "tcp_keepalives_idle=5",
                                      "-c", "tcp_keepalives_interval=2",
                                      "-c", "tcp_keepalives_count=3",
                                      "-c", "tcp_user_timeout=10000",
                                      "-c", "idle_in_transaction_session_timeout=10s"],
                   user="postgres")
        self.start("redis", "db", ["redis-server", "--bind", db, "--port", "6379",
                                   "--protected-mode", "no", "--save", "", "--appendonly", "no",
                                   "--dir", str(self.folder("db"))])
        self.wait(self._create_databases, 60, "PostgreSQL on the db host")

    def _create_databases(self) -> bool:
        import psycopg2

        try:
            ensure_databases(self.scaled)
        except psycopg2.OperationalError:
            return False
        return True

    def _web_host(self) -> None:
        manage = [sys.executable, str(REPO / "manage.py")]
        self.must("web", [*manage, "migrate", "--noinput"])
        self.must("web", [*manage, "seed_demo"])
        self.must("web", [*manage, "collectstatic", "--noinput"])
        self.start("web", "web", [sys.executable, "-m", "gunicorn", "signpost.wsgi",
                                  "--bind", f"{self.addr('web')}:{WEB_PORT}", "--workers", "2",
                                  "--threads", "4", "--timeout", "30", "--graceful-timeout", "5"])

    def _rasa_host(self, host: str, model: Path) -> None:
        # The model is shipped as a file: copied into the host's own folder.
        shipped = self.folder(host) / "models" / model.name
        shipped.parent.mkdir()
        shutil.copy2(model, shipped)
        self.start(f"{host}-actions", host, [sys.executable, "-m", "signpost.action_server",
                                             "--actions", "actions",
                                             "--port", str(ACTIONS_PORT)])
        self.start(host, host, [
            sys.executable, "-m", "rasa", "run", "--model", str(shipped),
            "--endpoints", str(BOT / "endpoints.scaled.yml"),
            "--credentials", str(BOT / "credentials.yml"), "--enable-api",
            "--auth-token", RASA_TOKEN, "--interface", self.addr(host), "--port", str(RASA_PORT)])

    def _provider_host(self) -> None:
        prov, folder = self.addr("provider"), self.folder("provider")
        self.start("twilio-emulator", "provider", [
            sys.executable, "-m", "emulators.twilio", "--host", prov, "--port", str(TWILIO_PORT),
            "--db", str(folder / "twilio.sqlite3")])
        self.start("smtp-sink", "provider", [
            sys.executable, "-m", "emulators.smtp_sink", "--host", prov,
            "--smtp-port", str(SMTP_PORT), "--http-port", str(SMTP_WEB_PORT),
            "--db", str(folder / "smtp.sqlite3")])
        self.wait(lambda: self.get(f"{self.twilio_url}/healthz"), 60, "the Twilio emulator")

    # --- talking to it ---------------------------------------------------------------------------
    def healthy(self) -> dict[str, Any] | None:
        status, body = self.get_json(f"{self.web_url}/healthz")
        return body if status == 200 else None

    def get_json(self, url: str, timeout: float = 15) -> tuple[int, Any]:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            body = error.read()
            try:
                return error.code, json.loads(body or b"null")
            except ValueError:
                return error.code, None

    def status(self, url: str, timeout: float = 15) -> int:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                answer.read()
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def get(self, url: str) -> Any:
        return self.get_json(url)[1]

    def post(self, url: str, body: object, timeout: float = 120) -> Any:
        request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return json.loads(answer.read())

    def ctl(self, *args: str, host: str = "web", timeout: float = 900) -> Any:
        """``tests.hardening.stackctl`` run on a host, against the layout's database."""
        out = self.must(host, [sys.executable, "-m", "tests.hardening.stackctl", *args],
                        timeout=timeout)
        return json.loads(out.strip().splitlines()[-1])

    def wait(self, check: Any, timeout_s: float, what: str) -> Any:
        deadline = time.monotonic() + timeout_s
        last: Exception | None = None
        while time.monotonic() < deadline:
            try:
                result = check()
            except (OSError, ValueError, RuntimeError) as error:
                last = error
            else:
                if result:
                    return result
            time.sleep(0.5)
        tails = "\n".join(f"--- {name}\n{self.log_tail(name, 15)}" for name in self.processes)
        raise TimeoutError(f"timed out waiting for {what} (last error: {last!r})\n{tails}")

    # --- tearing down ----------------------------------------------------------------------------
    def down(self) -> None:
        try:
            self.net.down()  # kills every process in every host namespace
        finally:
            for process in self.processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            for log in self.logs:
                log.close()
            if not os.environ.get("HOSTS_KEEP"):
                shutil.rmtree(self.root, ignore_errors=True)
