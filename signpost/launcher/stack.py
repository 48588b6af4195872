"""The processes of the whole service, their addresses and environment, in one table.

The run command and the test fixtures both build their processes from ``commands()``, so the
tests start exactly what a newcomer runs, only on other ports and in another var/ folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[2]
BOT = REPO / "bot"


@dataclass(frozen=True)
class Ports:
    web: int = 8000
    rasa: int = 5005
    actions: int = 5055
    twilio_emulator: int = 8010
    smtp: int = 1025
    smtp_web: int = 8025
    notify_emulator: int = 8020
    oidc_provider: int = 8030


def uses_notify(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the deployment's default sends texts or emails through GOV.UK Notify: then the
    Notify-API emulator runs beside the Twilio one (``SIGNPOST_SMS_PROVIDER=notify make run``)."""
    env = os.environ if environ is None else environ
    chosen = (env.get("SIGNPOST_SMS_PROVIDER", ""), env.get("SIGNPOST_EMAIL_PROVIDER", ""))
    return "notify" in chosen


def uses_oidc_provider(environ: Mapping[str, str] | None = None) -> bool:
    """Whether to run the local OpenID Connect provider and let the demo force's staff sign in
    through it (``SIGNPOST_OIDC_EMULATOR=1 make run``). Off by default: it is a Django process
    of its own, and a deployment's real provider is configured by SIGNPOST_OIDC_* instead."""
    env = os.environ if environ is None else environ
    return env.get("SIGNPOST_OIDC_EMULATOR", "").strip().lower() in ("1", "true", "yes", "on")


DEMO_SSO_FORCE = "northbridge-police"  # the demo data's force


@dataclass(frozen=True)
class Scaled:
    """The scaled mode: PostgreSQL for the app and Rasa's trackers, Redis for Huey and Rasa's locks.

    Rasa's tracker store lives in its own database, named after the app's with ``_rasa`` added.
    """

    database_url: str = "postgres://postgres@127.0.0.1:5432/signpost"
    redis_url: str = "redis://127.0.0.1:6379/0"
    workers: int = 2
    extra_rasa_ports: tuple[int, ...] = (5006,)  # a second Rasa server beside ports.rasa
    name: str = "signpost"  # Huey's queue name and the lock store's key prefix

    @property
    def rasa_database(self) -> str:
        return f"{urlsplit(self.database_url).path.lstrip('/')}_rasa"

    def env(self) -> dict[str, str]:
        db, redis = urlsplit(self.database_url), urlsplit(self.redis_url)
        return {
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "HUEY_NAME": self.name,
            "RASA_TRACKER_HOST": db.hostname or "127.0.0.1",
            "RASA_TRACKER_PORT": str(db.port or 5432),
            "RASA_TRACKER_DB": self.rasa_database,
            "RASA_TRACKER_USER": unquote(db.username or "postgres"),
            "RASA_TRACKER_PASSWORD": unquote(db.password or ""),
            "RASA_LOCK_REDIS_HOST": redis.hostname or "127.0.0.1",
            "RASA_LOCK_REDIS_PORT": str(redis.port or 6379),
            "RASA_LOCK_REDIS_DB": redis.path.lstrip("/") or "0",
            "RASA_LOCK_KEY_PREFIX": f"{self.name}-lock",
        }


@dataclass(frozen=True)
class Stack:
    """Where every process of one running copy of the service listens and keeps its files."""

    var_dir: Path = REPO / "var"
    ports: Ports = field(default_factory=Ports)
    host: str = "127.0.0.1"
    rasa_token: str = "dev-rasa-token"  # noqa: S105 (local mode only; production reads RASA_TOKEN)
    action_token: str = "dev-action-server-token"  # noqa: S105 (local mode only, as above)
    web_workers: int = 2
    scaled: Scaled | None = None
    notify: bool = field(default_factory=uses_notify)  # run the Notify-API emulator too
    oidc: bool = field(default_factory=uses_oidc_provider)  # and the local identity provider

    @property
    def rasa_ports(self) -> list[int]:
        extra = list(self.scaled.extra_rasa_ports) if self.scaled else []
        return [self.ports.rasa, *extra]

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}"

    @property
    def web_url(self) -> str:
        return self.url(self.ports.web)

    def env(self) -> dict[str, str]:
        """The environment every process of this stack gets (on top of the caller's)."""
        p = self.ports
        env = {
            "DJANGO_SETTINGS_MODULE": "signpost.settings",
            "PYTHONUNBUFFERED": "1",
            "SIGNPOST_VAR_DIR": str(self.var_dir),
            "PUBLIC_BASE_URL": self.web_url,
            "RASA_URL": self.url(p.rasa),
            "RASA_URLS": ",".join(self.url(port) for port in self.rasa_ports),
            "RASA_TOKEN": self.rasa_token,
            "ACTION_SERVER_URL": self.url(p.actions),
            "ACTION_SERVER_WEBHOOK_URL": f"{self.url(p.actions)}/webhook",
            "ACTION_SERVER_TOKEN": self.action_token,
            "RASA_TRACKER_DB": str(self.var_dir / "rasa-tracker.sqlite3"),
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(self.var_dir / "rasa-cache"),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            # Rasa 3.6's SQL tracker store uses SQLAlchemy 1.4's old API (pinned by Rasa): its
            # start-up notice about 2.0 says nothing an operator can act on
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "SANIC_HOST": self.host,
            "TWILIO_API_BASE_URL": self.url(p.twilio_emulator),
            "EMULATOR_TWILIO_SERVICE_NUMBER": os.environ.get("TWILIO_FROM_NUMBER", "+447700900000"),
            "SMTP_HOST": self.host,
            "SMTP_PORT": str(p.smtp),
            "SMTP_SINK_WEB_URL": self.url(p.smtp_web),
            "SIGNPOST_INBOUND_SMS_URL": f"{self.web_url}/webhooks/twilio/sms",
            "SIGNPOST_INBOUND_EMAIL_URL": f"{self.web_url}/webhooks/email/inbound",
            "NOTIFY_API_BASE_URL": self.url(p.notify_emulator),
            "SIGNPOST_NOTIFY_RECEIPT_URL": f"{self.web_url}/webhooks/notify/status",
            "SIGNPOST_NOTIFY_INBOUND_URL": f"{self.web_url}/webhooks/notify/sms",
        }
        if self.oidc:
            env.update(self._oidc_env())
        if self.scaled is not None:
            env.update(self.scaled.env())
        return env

    @property
    def oidc_issuer(self) -> str:
        return f"{self.url(self.ports.oidc_provider)}/o"

    @property
    def oidc_callback(self) -> str:
        return f"{self.web_url}/portal/login/sso/{DEMO_SSO_FORCE}/callback/"

    def _oidc_env(self) -> dict[str, str]:
        """The demo force signs in through the local provider, whose demo users share the
        portal's demo usernames (so the username claim is the one matched)."""
        from emulators.oidc_provider.__main__ import DEV_CLIENT_ID, DEV_CLIENT_SECRET

        prefix = f"SIGNPOST_OIDC_{DEMO_SSO_FORCE.upper().replace('-', '_')}_"
        return {
            "SIGNPOST_OIDC_FORCES": DEMO_SSO_FORCE,
            f"{prefix}ISSUER": self.oidc_issuer,
            f"{prefix}CLIENT_ID": DEV_CLIENT_ID,
            f"{prefix}CLIENT_SECRET": DEV_CLIENT_SECRET,
            f"{prefix}LABEL": "Northbridge ID (local)",
            f"{prefix}CLAIM": "preferred_username",
            f"{prefix}USER_FIELD": "username",
        }

    def commands(self, model: Path) -> dict[str, list[str]]:
        """Process name -> argv, for the six processes and the provider stand-ins (the Notify
        one only when ``notify``, the identity provider only when ``oidc``)."""
        p, py = self.ports, sys.executable
        emulators = self.var_dir / "emulators"
        return {
            "web": [py, "-m", "gunicorn", "signpost.wsgi", "--bind", f"{self.host}:{p.web}",
                    "--workers", str(self.web_workers), "--threads", "4",
                    "--timeout", "30", "--graceful-timeout", "5"],
            **self._workers(),
            **self._rasa_servers(model),
            "actions": [py, "-m", "signpost.action_server", "--actions", "actions",
                        "--port", str(p.actions)],
            "twilio-emulator": [py, "-m", "emulators.twilio", "--host", self.host,
                                "--port", str(p.twilio_emulator),
                                "--db", str(emulators / "twilio.sqlite3")],
            "smtp-sink": [py, "-m", "emulators.smtp_sink", "--host", self.host,
                          "--smtp-port", str(p.smtp), "--http-port", str(p.smtp_web),
                          "--db", str(emulators / "smtp.sqlite3")],
            **self._notify_emulator(),
            **self._oidc_provider(),
        }

    def _oidc_provider(self) -> dict[str, list[str]]:
        if not self.oidc:
            return {}
        return {"oidc-provider": [sys.executable, "-m", "emulators.oidc_provider",
                                  "--host", self.host, "--port", str(self.ports.oidc_provider),
                                  "--redirect-uri", self.oidc_callback]}

    def _notify_emulator(self) -> dict[str, list[str]]:
        if not self.notify:
            return {}
        return {"notify-emulator": [sys.executable, "-m", "emulators.notify", "--host", self.host,
                                    "--port", str(self.ports.notify_emulator)]}

    def _workers(self) -> dict[str, list[str]]:
        argv = [sys.executable, str(REPO / "manage.py"), "run_huey"]
        if self.scaled is None:
            return {"worker": argv}
        return {f"worker-{n}": argv for n in range(1, self.scaled.workers + 1)}

    def _rasa_servers(self, model: Path) -> dict[str, list[str]]:
        endpoints = BOT / ("endpoints.yml" if self.scaled is None else "endpoints.scaled.yml")
        servers = {}
        for n, port in enumerate(self.rasa_ports, start=1):
            name = "rasa" if self.scaled is None else f"rasa-{n}"
            servers[name] = [
                sys.executable, "-m", "rasa", "run", "--model", str(model),
                "--endpoints", str(endpoints), "--credentials", str(BOT / "credentials.yml"),
                "--enable-api", "--auth-token", self.rasa_token,
                "--interface", self.host, "--port", str(port),
            ]
        return servers

    def prepare_dirs(self) -> None:
        for sub in ("", "emulators", "models", "rasa-cache", "static"):
            (self.var_dir / sub).mkdir(parents=True, exist_ok=True)


def process_env(stack: Stack) -> dict[str, str]:
    """The caller's environment with the stack's settings on top."""
    return {**os.environ, **stack.env()}
