"""The provider seam: providers register themselves; the gateway uses the one the force chose."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from messaging import sending
from messaging.providers import UnknownProvider, providers
from organisations.models import EmailProvider, Organisation, OrganisationKind, SmsProvider

REPO = Path(__file__).resolve().parents[2]


def test_every_provider_registered_itself_when_django_started() -> None:
    assert providers.sms_names() == ["notify", "twilio"]
    assert providers.email_names() == ["notify", "smtp"]
    assert [source.name for source in providers.sources()] == ["notify", "twilio"]


def test_every_choice_a_force_can_make_is_a_registered_provider() -> None:
    assert {c.value for c in SmsProvider if c.value} == set(providers.sms_names())
    assert {c.value for c in EmailProvider if c.value} == set(providers.email_names())


def test_the_gateway_imports_no_provider_by_name() -> None:
    for path in (REPO / "messaging").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[:2] not in (
                    ["channels", "twilio"], ["channels", "email"], ["channels", "notify"]
                ), path


@pytest.mark.django_db
def test_with_no_choice_the_deployment_default_is_used(settings: Any) -> None:
    settings.SIGNPOST_SMS_PROVIDER = "twilio"
    settings.SIGNPOST_EMAIL_PROVIDER = "smtp"
    Organisation.objects.create(slug="f", name="F", kind=OrganisationKind.FORCE)
    assert sending.sms_provider().name == "twilio"
    assert sending.email_provider().name == "smtp"
    settings.SIGNPOST_SMS_PROVIDER = "notify"
    assert sending.sms_provider().name == "notify"


@pytest.mark.django_db
def test_the_force_chooses_sms_and_email_separately(settings: Any) -> None:
    settings.SIGNPOST_SMS_PROVIDER = "twilio"
    settings.SIGNPOST_EMAIL_PROVIDER = "smtp"
    Organisation.objects.create(slug="f", name="F", kind=OrganisationKind.FORCE,
                                sms_provider=SmsProvider.NOTIFY)
    Organisation.objects.create(slug="s", name="A service", kind=OrganisationKind.SUPPORT_SERVICE,
                                sms_provider=SmsProvider.TWILIO, email_provider="notify")
    assert sending.sms_provider().name == "notify"
    assert sending.email_provider().name == "smtp"


@pytest.mark.django_db
def test_an_unknown_provider_is_a_clear_error(settings: Any) -> None:
    settings.SIGNPOST_SMS_PROVIDER = "pigeon"
    with pytest.raises(UnknownProvider, match="no SMS provider named 'pigeon'"):
        sending.sms_provider()
