"""Signing staff in for tests: a session past both steps (password and second factor), and
the code an enrolled test user's authenticator app would show now."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex


def enrol(user: Any, *, key: str = TEST_TOTP_KEY) -> TOTPDevice:
    """Give the user a confirmed authenticator app with a known key (idempotent)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test app", defaults={"key": key, "confirmed": True})
    return device


def current_code(device: TOTPDevice) -> str:
    """The 6 digits the app shows now (the device's step and drift)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=device.drift):06d}"


def verified_login(client: Client, user: User) -> None:
    """``force_login``, then mark the session verified with the user's test app (enrolled if
    needed), as the second-factor page would."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enrol(user).persistent_id
    session.save()
