"""/healthz without the other processes: the database answers, the rest are reported down."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings

from tests.stack import free_port

pytestmark = pytest.mark.django_db


def _nowhere() -> str:
    return f"http://127.0.0.1:{free_port()}"


@override_settings(
    RASA_URLS=[_nowhere()],
    ACTION_SERVER_URL=_nowhere(),
    TWILIO_API_BASE_URL=_nowhere(),
    SMTP_SINK_WEB_URL=_nowhere(),
    SMTP_PORT=free_port(),
    HEALTH_PROBE_TIMEOUT=0.5,
)
def test_health_names_each_process_and_reports_the_absent_ones_down(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    processes = body["processes"]
    assert list(processes) == [
        "database", "worker", "rasa", "action_server", "twilio_emulator", "smtp_sink",
    ]
    assert processes["database"]["up"] is True
    for name in ("worker", "rasa", "action_server", "twilio_emulator", "smtp_sink"):
        assert processes[name]["up"] is False, name
        assert processes[name]["error"]  # the kind of failure, never a secret or an address
    assert "dev-rasa-token" not in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(TWILIO_API_BASE_URL="", SMTP_SINK_WEB_URL="", HEALTH_PROBE_TIMEOUT=0.5,
                   SMTP_PORT=free_port(), RASA_URLS=[_nowhere()], ACTION_SERVER_URL=_nowhere())
def test_production_health_checks_the_smtp_relay_not_the_stand_ins(client: Client) -> None:
    processes = client.get("/healthz").json()["processes"]
    assert "twilio_emulator" not in processes
    assert "smtp_sink" not in processes
    assert processes["smtp"]["up"] is False


def test_health_refuses_other_methods(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@override_settings(RASA_URLS=[_nowhere()], ACTION_SERVER_URL=_nowhere(), HEALTH_PROBE_TIMEOUT=0.5)
def test_a_degraded_answer_is_not_logged_as_an_error(client: Client,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """While Rasa loads, every poll answered 503 and logged "ERROR … Service Unavailable"."""
    with caplog.at_level(logging.INFO):
        assert client.get("/healthz").status_code == 503
        assert client.get("/no-such-page/").status_code == 404
    logged = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "django.request"]
    assert logged == [("WARNING", "Not Found: /no-such-page/")]


def test_django_and_huey_lines_are_written_once() -> None:
    """Huey's consumer adds a handler of its own unless "huey" has one; Django adds one in DEBUG."""
    huey, django_logger = logging.getLogger("huey"), logging.getLogger("django")
    assert len(huey.handlers) == 1
    assert not huey.propagate
    assert django_logger.handlers == []
    assert django_logger.propagate


# Transactional: the request's end may close the test's connection (PostgreSQL), and only
# outside a test transaction can the next query open a new one.
@pytest.mark.django_db(transaction=True)
@override_settings(RASA_URLS=[_nowhere()], ACTION_SERVER_URL=_nowhere(),
                   TWILIO_API_BASE_URL=_nowhere(), SMTP_SINK_WEB_URL=_nowhere(),
                   SMTP_PORT=free_port(), NOTIFY_API_BASE_URL=_nowhere(),
                   SIGNPOST_SMS_PROVIDER="twilio", SIGNPOST_EMAIL_PROVIDER="smtp",
                   HEALTH_PROBE_TIMEOUT=0.5)
def test_health_reports_the_forces_providers_and_probes_notify_when_chosen(
        client: Client) -> None:
    from organisations.models import Organisation, OrganisationKind

    body = client.get("/healthz").json()
    assert body["providers"] == {"sms": "twilio", "email": "smtp"}
    assert "notify_emulator" not in body["processes"]
    Organisation.objects.create(slug="f", name="F", kind=OrganisationKind.FORCE,
                                sms_provider="notify", email_provider="notify")
    body = client.get("/healthz").json()
    assert body["providers"] == {"sms": "notify", "email": "notify"}
    assert body["processes"]["notify_emulator"]["up"] is False
    assert "smtp_sink" not in body["processes"]  # Notify sends the email: no SMTP relay
