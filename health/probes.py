"""One probe per process of the service; each answers whether that process answers.

A probe returns normally when the process is up and raises otherwise. Probes never carry
credentials or personal data into their results: only the exception's class name is reported.
"""

from __future__ import annotations

import json
import smtplib
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

Probe = Callable[[float], None]


class ProbeFailed(Exception):
    """A process answered, but not as a healthy one would."""


@dataclass(frozen=True)
class ProbeResult:
    name: str
    up: bool
    millis: float
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"up": self.up, "ms": round(self.millis, 1)}
        if self.error:
            body["error"] = self.error
        return body


def _get_json(url: str, timeout: float) -> object:
    if not url.startswith(("http://", "https://")):
        raise ProbeFailed("not an http(s) URL")
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (checked above)
        return json.loads(response.read().decode())


def database(timeout: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise ProbeFailed("SELECT 1 gave an unexpected answer")


def worker(timeout: float) -> None:
    from health.tasks import ping

    nonce = time.monotonic_ns()
    result = ping(nonce)
    try:
        answer = result.get(blocking=True, timeout=timeout)
    except Exception as error:  # huey raises ResultTimeout
        result.revoke()
        raise ProbeFailed("no worker took the ping task in time") from error
    if answer != nonce:
        raise ProbeFailed("the ping task came back with the wrong answer")


def rasa(timeout: float) -> None:
    """Every Rasa server answers /status with a loaded model."""
    for url in settings.RASA_URLS:
        status = _get_json(f"{url}/status?token={settings.RASA_TOKEN}", timeout)
        if not isinstance(status, dict) or not status.get("model_file"):
            raise ProbeFailed("a Rasa server answered without a loaded model")


def action_server(timeout: float) -> None:
    health = _get_json(f"{settings.ACTION_SERVER_URL}/health", timeout)
    if not isinstance(health, dict) or health.get("status") != "ok":
        raise ProbeFailed("the action server did not say ok")


def twilio_emulator(timeout: float) -> None:
    health = _get_json(f"{settings.TWILIO_API_BASE_URL}/healthz", timeout)
    if not isinstance(health, dict) or health.get("status") != "ok":
        raise ProbeFailed("the Twilio emulator did not say ok")


def notify(timeout: float) -> None:
    """The Notify API (or its emulator): its unauthenticated status page must say ok."""
    path = "/healthz" if _is_loopback(settings.NOTIFY_API_BASE_URL) else "/_status"
    health = _get_json(f"{settings.NOTIFY_API_BASE_URL}{path}", timeout)
    if not isinstance(health, dict) or health.get("status") != "ok":
        raise ProbeFailed("Notify did not say ok")


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


def smtp(timeout: float) -> None:
    with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=timeout) as client:
        code, _ = client.noop()
        if code != 250:
            raise ProbeFailed(f"SMTP NOOP answered {code}")


def smtp_sink(timeout: float) -> None:
    smtp(timeout)
    health = _get_json(f"{settings.SMTP_SINK_WEB_URL}/healthz", timeout)
    if not isinstance(health, dict) or health.get("status") != "ok":
        raise ProbeFailed("the SMTP sink's web page did not say ok")


def probes(*, sms_provider: str = "twilio", email_provider: str = "smtp") -> dict[str, Probe]:
    """The probes that apply to this deployment: the emulators and sink only when configured,
    Notify (or its emulator) only when it carries the force's texts or emails."""
    chosen: dict[str, Probe] = {
        "database": database,
        "worker": worker,
        "rasa": rasa,
        "action_server": action_server,
    }
    if settings.TWILIO_API_BASE_URL:
        chosen["twilio_emulator"] = twilio_emulator
    if email_provider == "smtp":
        chosen["smtp_sink" if settings.SMTP_SINK_WEB_URL else "smtp"] = (
            smtp_sink if settings.SMTP_SINK_WEB_URL else smtp
        )
    if "notify" in (sms_provider, email_provider):
        chosen["notify_emulator" if _is_loopback(settings.NOTIFY_API_BASE_URL) else "notify"] = (
            notify
        )
    return chosen


def _run_one(name: str, probe: Probe, timeout: float) -> ProbeResult:
    start = time.perf_counter()
    try:
        probe(timeout)
    except Exception as error:
        millis = (time.perf_counter() - start) * 1000
        return ProbeResult(name, False, millis, type(error).__name__)
    finally:
        if name == "database":
            connection.close_if_unusable_or_obsolete()
    return ProbeResult(name, True, (time.perf_counter() - start) * 1000)


def run_all(*, timeout: float | None = None, sms_provider: str = "twilio",
            email_provider: str = "smtp") -> list[ProbeResult]:
    """Run every probe at once (each in its own thread) and return the results in order."""
    limit = settings.HEALTH_PROBE_TIMEOUT if timeout is None else timeout
    chosen = probes(sms_provider=sms_provider, email_provider=email_provider)
    # The database probe runs in this thread: Django connections belong to their thread.
    others = {name: probe for name, probe in chosen.items() if name != "database"}
    with ThreadPoolExecutor(max_workers=len(others)) as pool:
        futures = {
            name: pool.submit(_run_one, name, probe, limit) for name, probe in others.items()
        }
        results = {"database": _run_one("database", database, limit)}
        results.update({name: future.result() for name, future in futures.items()})
    return [results[name] for name in chosen]

