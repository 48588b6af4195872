"""Production mode refuses unsafe settings, and passes Django's deployment checks when safe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import signpost.production
from signpost.launcher.stack import REPO

SAFE = {
    "SIGNPOST_MODE": "production",
    "SECRET_KEY": "k8Jq2-vN0x!rT5zW9aLm3pQy7cB1dF6gH4sE0uI8oP2nV6tR9wX3",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "signpost.example.police.uk",
    "PUBLIC_BASE_URL": "https://signpost.example.police.uk",
    "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
    "TWILIO_AUTH_TOKEN": "a-real-looking-token",
    "TWILIO_MESSAGING_SERVICE_SID": "MG" + "2" * 32,
    "SMTP_HOST": "smtp.example.police.uk",
    "EMAIL_FROM": "signpost@example.police.uk",
    "RASA_TOKEN": "a-long-rasa-api-token",
    "ACTION_SERVER_TOKEN": "a-long-action-server-token",
    "SIGNPOST_INBOUND_EMAIL_SECRET": "a-long-shared-secret-for-the-mail-relay",
    "SIGNPOST_CONTACT_KEYS": "qL0uFx8oJm1i0x4ePq6m0sQkJ6sQdVQk3t1lqfQb0aA=",
    "SIGNPOST_CONTACT_INDEX_KEY": "a-long-random-index-key-for-production-use",
    "SIGNPOST_AUDIT_KEY": "a-long-random-audit-chain-key-for-production-use",
}


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TWILIO_", "NOTIFY_", "SMTP_", "RASA_", "SIGNPOST_", "SECRET_KEY",
                                  "DEBUG", "DATABASE_URL", "REDIS_URL"))}
    clean["SIGNPOST_VAR_DIR"] = str(REPO / "var")
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env={**clean, **env}, capture_output=True, text=True, cwd=REPO, check=False,
    )


def test_safe_production_settings_pass_check_deploy_with_no_warnings() -> None:
    done = _manage(SAFE, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_postgresql_with_the_tracker_store_named_passes() -> None:
    done = _manage({**SAFE, "DATABASE_URL": "postgres://signpost@db.example/signpost",
                    "RASA_TRACKER_HOST": "db.example"}, "check")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"SECRET_KEY": signpost.production.DEV_SECRET_KEY}, "is the development default"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too short"),
        ({"DEBUG": "1"}, "DEBUG is on"),
        ({"TWILIO_AUTH_TOKEN": ""}, "TWILIO_AUTH_TOKEN is missing"),
        ({"TWILIO_MESSAGING_SERVICE_SID": ""}, "MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER"),
        ({"SMTP_HOST": ""}, "SMTP_HOST is missing"),
        ({"RASA_TOKEN": ""}, "RASA_TOKEN is missing"),
        ({"ACTION_SERVER_TOKEN": ""}, "ACTION_SERVER_TOKEN is missing"),
        ({"SIGNPOST_INBOUND_EMAIL_SECRET": ""}, "SIGNPOST_INBOUND_EMAIL_SECRET is missing"),
        ({"SIGNPOST_CONTACT_KEYS": ""}, "SIGNPOST_CONTACT_KEYS is missing"),
        ({"SIGNPOST_CONTACT_KEYS": "not-a-key"}, "is not a Fernet key"),
        ({"SIGNPOST_CONTACT_INDEX_KEY": ""}, "SIGNPOST_CONTACT_INDEX_KEY is missing"),
        ({"SIGNPOST_AUDIT_KEY": ""}, "SIGNPOST_AUDIT_KEY is missing"),
        ({"SIGNPOST_AUDIT_KEY": "short"}, "SIGNPOST_AUDIT_KEY is too short"),
        ({"SIGNPOST_TRUSTED_PROXIES": "10.0.0.0/8,proxy.example"}, "SIGNPOST_TRUSTED_PROXIES"),
        ({"PUBLIC_BASE_URL": "http://signpost.example"}, "must be an https:// address"),
        ({"TWILIO_API_BASE_URL": "http://127.0.0.1:8010"}, "production talks to the real Twilio"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must list"),
        ({"DATABASE_URL": "postgres://signpost@db.example/x"}, "RASA_TRACKER_HOST is missing"),
        ({"SIGNPOST_OIDC_FORCES": "kent-police",
          "SIGNPOST_OIDC_KENT_POLICE_ISSUER": "http://id.kent.example",
          "SIGNPOST_OIDC_KENT_POLICE_CLIENT_ID": "signpost",
          "SIGNPOST_OIDC_KENT_POLICE_CLIENT_SECRET": "a-secret"},
         "kent-police's issuer must be an https:// address"),
    ],
)
def test_production_refuses_to_start_with(change: dict[str, str], complaint: str) -> None:
    done = _manage({**SAFE, **change}, "check")
    assert done.returncode != 0
    assert "Refusing to start in production mode" in done.stderr
    assert complaint in done.stderr


def test_a_force_listed_for_single_sign_on_without_its_client_stops_the_start() -> None:
    done = _manage({"SIGNPOST_OIDC_FORCES": "kent-police",
                    "SIGNPOST_OIDC_KENT_POLICE_ISSUER": "https://id.kent.example"}, "check")
    assert done.returncode != 0
    assert "SIGNPOST_OIDC_KENT_POLICE_CLIENT_ID must be set" in done.stderr


def test_every_problem_is_listed_at_once() -> None:
    found = signpost.production.problems({"SECRET_KEY": "x", "DEBUG": True})
    assert len(found) >= 8


def test_a_bad_boolean_is_a_clear_error() -> None:
    done = _manage({"DEBUG": "maybe"}, "check")
    assert done.returncode != 0
    assert "DEBUG must be one of" in done.stderr


def test_a_force_on_notify_needs_notifys_settings_and_not_twilios() -> None:
    base = {k: v for k, v in SAFE.items() if not k.startswith(("TWILIO_", "SMTP_", "EMAIL_"))}
    on_notify = {**base, "SIGNPOST_SMS_PROVIDER": "notify", "SIGNPOST_EMAIL_PROVIDER": "notify"}
    missing = signpost.production.problems(on_notify)
    assert not any("TWILIO" in problem or "SMTP" in problem for problem in missing)
    assert any("NOTIFY_API_KEY is missing" in problem for problem in missing)
    ready = {**on_notify, "NOTIFY_API_KEY": "k", "NOTIFY_CALLBACK_TOKEN": "t",
             "NOTIFY_SMS_TEMPLATE_ID": "s", "NOTIFY_EMAIL_TEMPLATE_ID": "e",
             "NOTIFY_API_BASE_URL": signpost.production.NOTIFY_API}
    providers = ("NOTIFY", "TWILIO", "SMTP", "EMAIL_FROM")
    assert [p for p in signpost.production.problems(ready) if p.startswith(providers)] == []
