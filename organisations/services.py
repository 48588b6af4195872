"""Service functions over organisations, shared by the portal and the assistant's actions."""

from __future__ import annotations

from dataclasses import dataclass

from organisations.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class SupportContact:
    name: str
    phone: str
    hours: str


def support_contact(*, force_slug: str | None = None) -> SupportContact | None:
    """The support line for a force's victims, or None when no force has one configured.

    With no slug, the only (or first) force is used: the embedded default serves one force.
    """
    forces = Organisation.objects.filter(kind=OrganisationKind.FORCE).exclude(support_line_phone="")
    force = forces.filter(slug=force_slug).first() if force_slug else forces.first()
    if force is None:
        return None
    return SupportContact(
        name=force.support_line_name, phone=force.support_line_phone, hours=force.support_line_hours
    )
