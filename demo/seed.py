"""Clearly fictional demo data for the embedded default.

A force (Northbridge Police) with two boroughs, a support service, one user per role, and eight
weeks of made-up activity (leaflets given by QR, SMS and email with delivery statuses and opens,
needs assessments, consent decisions and referrals) so the portal has something to show.

Phone numbers are from Ofcom's range reserved for drama (07700 900xxx) and email addresses use
example.org, so no real person can be reached; web addresses use the reserved .example domain.
Safe to run again: organisations and users are refreshed, the activity is made only once.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.activity import make_activity
from organisations.models import Membership, Organisation, OrganisationKind, Unit, UnitKind
from organisations.roles import Role
from portal import second_factor

DEMO_PASSWORD = "signpost-demo-only"  # noqa: S105 (printed to the developer; refused in production)
# The demo accounts' authenticator-app key (hex; printed as base32 for the app, and
# ``manage.py demo_code`` prints the current codes), so the second step can be demonstrated.
DEMO_TOTP_KEY = "5369676e706f73742d64656d6f2d6f6e6c792d31"  # "Signpost-demo-only-1"
ROLES = ("officer", "supervisor", "caseworker", "admin")
BOROUGHS = ("Northbridge Central", "Riverside")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    totp_secret: str  # base32, for an authenticator app; empty when the role needs no second step


@dataclass(frozen=True)
class DemoWorld:
    force: Organisation
    service: Organisation
    boroughs: tuple[Unit, ...]
    users: dict[str, User]


# The support line's hours as days and times (each language writes them out its own way); the
# free text stays for English only.
OPENING_HOURS = [{"days": "mon-fri", "opens": "08:00", "closes": "20:00"},
                 {"days": "sat", "opens": "09:00", "closes": "17:00"}]
# Translated names for some languages; the others show the English name.
FORCE_NAMES = {
    "cy": "Heddlu Northbridge (demo)", "pl": "Policja Northbridge (demo)",
    "ar": "شرطة نورثبريدج (تجريبي)", "ur": "نارتھ برج پولیس (ڈیمو)",
    "ro": "Poliția Northbridge (demo)", "es": "Policía de Northbridge (demo)",
    "fr": "Police de Northbridge (démo)", "pt": "Polícia de Northbridge (demo)",
}
SUPPORT_NAMES = {
    "cy": "Gofal Dioddefwyr Northbridge (demo)", "pl": "Pomoc dla Ofiar Northbridge (demo)",
    "ar": "رعاية الضحايا في نورثبريدج (تجريبي)", "ur": "نارتھ برج وکٹم کیئر (ڈیمو)",
    "ro": "Sprijin pentru Victime Northbridge (demo)",
    "es": "Atención a Víctimas de Northbridge (demo)",
    "fr": "Aide aux victimes de Northbridge (démo)", "pt": "Apoio às Vítimas de Northbridge (demo)",
}


def seed_organisations() -> tuple[Organisation, Organisation]:
    """The demo force and support service (created or refreshed)."""
    force, _ = Organisation.objects.update_or_create(
        slug="northbridge-police",
        defaults={
            "name": "Northbridge Police (demo)",
            "kind": OrganisationKind.FORCE,
            "support_line_name": "Northbridge Victim Care (demo)",
            "support_line_phone": "0808 157 0123",
            "support_line_hours": "Monday to Friday 8am to 8pm, Saturday 9am to 5pm",
            "support_line_opening_hours": OPENING_HOURS,
            "name_translations": FORCE_NAMES,
            "support_line_name_translations": SUPPORT_NAMES,
            "web_address": "https://police.northbridge.example/",
            "complaints_web_address": "https://police.northbridge.example/complaints",
            "support_web_address": "https://care.northbridge.example/",
            "crime_reference_pattern": r"NB/\d{6}/\d{2}",
            "crime_reference_example": "NB/012345/26",
            # Leaflet links need no reply: an alphanumeric sender ID the victim recognises.
            "sms_sender_id": "NBPolice",
            "email_from_name": "Northbridge Police (demo)",
            "email_from_address": "victims@police.northbridge.example",
            # Served by this site (demo/static), so the demo email shows it.
            "logo_url": f"{settings.PUBLIC_BASE_URL.rstrip('/')}/static/demo/northbridge-logo.png",
        },
    )
    service, _ = Organisation.objects.update_or_create(
        slug="northbridge-victim-care",
        defaults={
            "name": "Northbridge Victim Care (demo)",
            "name_translations": SUPPORT_NAMES,
            "kind": OrganisationKind.SUPPORT_SERVICE,
            "web_address": "https://care.northbridge.example/",
        },
    )
    return force, service


def _user(role: str, organisation: Organisation, units: list[Unit]) -> User:
    user, created = User.objects.get_or_create(username=f"demo-{role}")
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)  # argon2 is slow on purpose: only when new
    user.is_staff = user.is_superuser = role == Role.ADMIN.value
    user.is_active = True
    if not user.first_name:
        user.first_name, user.last_name = "Demo", role.capitalize()
    user.save()
    membership, _ = Membership.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "role": role,
                             "collar_number": "PC 4821" if role == "officer" else ""})
    membership.units.set(units)
    return user


def _enrol(user: User) -> str:
    """A confirmed demo authenticator app with the published demo key, when the role needs one;
    the base32 secret to type into an app, or ""."""
    if not second_factor.required_for(user):
        return ""
    TOTPDevice.objects.update_or_create(user=user, name="demo app",
                                        defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Create (or refresh) the demo organisations, units, users and activity."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("demo data is never loaded in production mode")
    force, service = seed_organisations()
    boroughs = tuple(Unit.objects.update_or_create(
        organisation=force, name=name, defaults={"kind": UnitKind.BOROUGH})[0]
        for name in BOROUGHS)
    users = {
        "officer": _user("officer", force, [boroughs[0]]),
        "supervisor": _user("supervisor", force, list(boroughs)),
        "caseworker": _user("caseworker", service, []),
        "admin": _user("admin", force, []),
    }
    make_activity(DemoWorld(force=force, service=service, boroughs=boroughs, users=users))
    return [DemoLogin(role=role, username=users[role].username, password=DEMO_PASSWORD,
                      totp_secret=_enrol(users[role])) for role in ROLES]
