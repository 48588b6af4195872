"""The checks that stop a production deployment from starting with unsafe settings."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

DEV_SECRET_KEY = "signpost-local-development-key-not-for-production-use-0123456789"  # noqa: S105

REQUIRED_SETTINGS = (
    "RASA_TOKEN",
    "ACTION_SERVER_TOKEN",
    "PUBLIC_BASE_URL",
    "SIGNPOST_INBOUND_EMAIL_SECRET",
    "SIGNPOST_CONTACT_KEYS",
    "SIGNPOST_CONTACT_INDEX_KEY",
    "SIGNPOST_AUDIT_KEY",
)
# What each provider needs, when it is the deployment's default for texts or emails.
PROVIDER_SETTINGS = {
    "twilio": ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"),
    "smtp": ("SMTP_HOST", "EMAIL_FROM"),
    "notify": ("NOTIFY_API_KEY", "NOTIFY_CALLBACK_TOKEN"),
}
NOTIFY_API = "https://api.notifications.service.gov.uk"


def _provider_problems(settings: Mapping[str, Any]) -> list[str]:
    """What the chosen providers miss.

    >>> _provider_problems({"SIGNPOST_SMS_PROVIDER": "notify", "SIGNPOST_EMAIL_PROVIDER": "notify",
    ...                     "NOTIFY_API_KEY": "k", "NOTIFY_CALLBACK_TOKEN": "t",
    ...                     "NOTIFY_SMS_TEMPLATE_ID": "s", "NOTIFY_API_BASE_URL": NOTIFY_API})
    ['NOTIFY_EMAIL_TEMPLATE_ID is missing: Notify needs the email template']
    """
    sms = str(settings.get("SIGNPOST_SMS_PROVIDER", "twilio"))
    email = str(settings.get("SIGNPOST_EMAIL_PROVIDER", "smtp"))
    found = [
        f"{name} is missing: production needs the real provider credentials"
        for provider in dict.fromkeys((sms, email))
        for name in PROVIDER_SETTINGS.get(provider, ())
        if not settings.get(name)
    ]
    if sms == "twilio" and not (settings.get("TWILIO_MESSAGING_SERVICE_SID")
                                or settings.get("TWILIO_FROM_NUMBER")):
        found.append("TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER is missing")
    if sms == "notify" and not settings.get("NOTIFY_SMS_TEMPLATE_ID"):
        found.append("NOTIFY_SMS_TEMPLATE_ID is missing: Notify needs the text template")
    if email == "notify" and not settings.get("NOTIFY_EMAIL_TEMPLATE_ID"):
        found.append("NOTIFY_EMAIL_TEMPLATE_ID is missing: Notify needs the email template")
    if "notify" in (sms, email) and settings.get("NOTIFY_API_BASE_URL") != NOTIFY_API:
        found.append(f"NOTIFY_API_BASE_URL is not {NOTIFY_API}: production talks to the real "
                     "Notify API")
    return found


def problems(settings: Mapping[str, Any]) -> list[str]:
    """Every reason the given settings are unfit for production (empty when fit).

    >>> problems({"SECRET_KEY": DEV_SECRET_KEY, "DEBUG": False})[0]
    'SECRET_KEY is the development default: set SECRET_KEY to a long random value'
    """
    found: list[str] = []
    secret = str(settings.get("SECRET_KEY", ""))
    if secret == DEV_SECRET_KEY:
        found.append("SECRET_KEY is the development default: set SECRET_KEY to a long random value")
    elif len(secret) < 50 or len(set(secret)) < 5:
        found.append("SECRET_KEY is too short or too simple: use at least 50 random characters")
    if settings.get("DEBUG"):
        found.append("DEBUG is on: set DEBUG=0")
    found.extend(
        f"{name} is missing: production needs the real provider credentials"
        for name in REQUIRED_SETTINGS
        if not settings.get(name)
    )
    found.extend(_provider_problems(settings))
    if settings.get("SIGNPOST_CONTACT_KEYS"):
        from cryptography.fernet import Fernet

        try:
            for key in settings["SIGNPOST_CONTACT_KEYS"]:
                Fernet(key)
        except (ValueError, TypeError):
            found.append("SIGNPOST_CONTACT_KEYS holds a value that is not a Fernet key")
    if settings.get("TWILIO_API_BASE_URL"):
        found.append("TWILIO_API_BASE_URL is set: production talks to the real Twilio API")
    public = str(settings.get("PUBLIC_BASE_URL", ""))
    if public and not public.startswith("https://"):
        found.append("PUBLIC_BASE_URL must be an https:// address")
    engine = str(settings.get("DATABASES", {}).get("default", {}).get("ENGINE", ""))
    if "postgresql" in engine and not settings.get("RASA_TRACKER_HOST"):
        found.append("RASA_TRACKER_HOST is missing: with PostgreSQL, the web and worker processes "
                     "need Rasa's tracker store (RASA_TRACKER_*) to purge and erase conversations")
    for entry in settings.get("SIGNPOST_TRUSTED_PROXIES", []):
        try:
            ipaddress.ip_network(str(entry), strict=False)
        except ValueError:
            found.append("SIGNPOST_TRUSTED_PROXIES holds an entry that is not an address or "
                         "network")
    audit_key = str(settings.get("SIGNPOST_AUDIT_KEY", ""))
    if audit_key and (len(audit_key) < 32 or audit_key == "signpost-dev-audit-key"):
        found.append("SIGNPOST_AUDIT_KEY is too short or the development default: use at least "
                     "32 random characters")
    found.extend(
        f"SIGNPOST_OIDC_PROVIDERS: {force}'s issuer must be an https:// address"
        for force, provider in settings.get("SIGNPOST_OIDC_PROVIDERS", {}).items()
        if not str(provider.get("issuer", "")).startswith("https://")
    )
    if not settings.get("ALLOWED_HOSTS") or "*" in settings.get("ALLOWED_HOSTS", []):
        found.append("ALLOWED_HOSTS must list the service's host names")
    return found


def refuse_unsafe(settings: Mapping[str, Any]) -> None:
    """Raise ImproperlyConfigured listing every problem, so start-up stops with all of them."""
    found = problems(settings)
    if found:
        raise ImproperlyConfigured(
            "Refusing to start in production mode:\n  - " + "\n  - ".join(found)
        )
