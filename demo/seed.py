"""Clearly fictional demo data for the embedded default.

A force, a support service and a user per role.

Phone numbers are from Ofcom's ranges reserved for drama, so no real person can be reached.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from organisations.models import Organisation, OrganisationKind

DEMO_PASSWORD = "signpost-demo-only"  # noqa: S105 (printed to the developer; refused in production)
ROLES = ("officer", "supervisor", "caseworker", "admin")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Create (or refresh) the demo organisations and users; safe to run again."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("demo data is never loaded in production mode")
    Organisation.objects.update_or_create(
        slug="northbridge-police",
        defaults={
            "name": "Northbridge Police (demo)",
            "kind": OrganisationKind.FORCE,
            "support_line_name": "Northbridge Victim Care (demo)",
            "support_line_phone": "0808 157 0123",
            "support_line_hours": "Monday to Friday 8am to 8pm, Saturday 9am to 5pm",
        },
    )
    Organisation.objects.update_or_create(
        slug="northbridge-victim-care",
        defaults={
            "name": "Northbridge Victim Care (demo)",
            "kind": OrganisationKind.SUPPORT_SERVICE,
        },
    )
    logins = []
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        user, _ = User.objects.get_or_create(username=f"demo-{role}")
        user.is_staff = True
        user.is_superuser = role == "admin"
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(group)
        logins.append(DemoLogin(role=role, username=user.username, password=DEMO_PASSWORD))
    return logins
