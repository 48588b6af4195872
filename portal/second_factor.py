"""The second factor for staff: a TOTP app (RFC 6238, on django-otp) plus ten single-use
recovery codes, asked for after the password.

Who needs it: every account that can open the admin (``is_staff``) and every role named in
``SIGNPOST_SECOND_FACTOR_ROLES`` (admins, supervisors and caseworkers by default; add
``officer`` to ask officers too). A session counts as verified once a code from one of the
user's confirmed devices was accepted in it (django-otp keeps the device id in the session).
django-otp throttles each device: every wrong code doubles the wait before the next is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, login, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.actions import AuditAction
from audit.services import record_event
from organisations.services import role_of

RECOVERY_CODES = 10
APP_DEVICE = "authenticator app"
RECOVERY_DEVICE = "recovery codes"
# Set by portal.sso when the force's identity provider said this sign-in used a second factor.
IDP_MFA_SESSION_KEY = "portal_sso_mfa"


def required_for(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this signed-in user must give a second factor before any staff page."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False):
        return True
    role = role_of(user)
    return role is not None and role.value in settings.SIGNPOST_SECOND_FACTOR_ROLES


def is_verified(request: HttpRequest) -> bool:
    """A code was accepted in this session, or the identity provider asserted a second factor
    when it signed the user in (portal.sso)."""
    session: Any = getattr(request, "session", None)
    if session is not None and session.get(IDP_MFA_SESSION_KEY):
        return True
    verified: Any = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def is_enrolled(user: AbstractBaseUser) -> bool:
    return bool(user_has_device(user, confirmed=True))


def _role(user: AbstractBaseUser) -> str:
    role = role_of(user)
    return role.value if role else "none"


@transaction.atomic  # devices are locked while checked, so the throttle counts every try
def verify(*, request: HttpRequest, code: str) -> bool:
    """Check a code (the app's, or an unused recovery code) against the user's devices; on
    success mark the session verified. Audited either way, without the code."""
    user: Any = request.user
    typed = "".join(code.split())
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_token(typed):
            login(request, device)
            record_event(actor=user, role=_role(user), action=AuditAction.SECOND_FACTOR,
                         object_type="session",
                         detail={"device": "recovery" if isinstance(device, StaticDevice)
                                 else "app"})
            return True
    record_event(actor=user, role=_role(user), action=AuditAction.SECOND_FACTOR_FAILED,
                 object_type="session")
    return False


def pending_app_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled (made on first call, kept until confirmed)."""
    device: TOTPDevice = TOTPDevice.objects.filter(user=user, confirmed=False).first() or \
        TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    return device


@dataclass(frozen=True)
class Enrolment:
    confirmed: bool
    recovery_codes: list[str]  # shown once, never stored in clear by Signpost


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, code: str) -> Enrolment:
    """Confirm the pending app with a code it shows; make fresh recovery codes; mark the
    session verified."""
    user: Any = request.user
    device = pending_app_device(user)
    if not device.verify_token("".join(code.split())):
        return Enrolment(confirmed=False, recovery_codes=[])
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=token)
                                     for token in codes])
    login(request, device)
    record_event(actor=user, role=_role(user), action=AuditAction.SECOND_FACTOR_ENROLLED,
                 object_type="user", object_id=user.pk)
    return Enrolment(confirmed=True, recovery_codes=codes)
