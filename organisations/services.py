"""Service functions over organisations, shared by the portal and the assistant's actions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from organisations.models import Membership, Organisation, OrganisationKind, Unit
from organisations.roles import Role


@dataclass(frozen=True)
class SupportContact:
    name: str
    phone: str
    hours: str


def default_force() -> Organisation | None:
    """The force the embedded default serves: the first by name.

    The generic leaflet pages show its details and the assistant gives its support line.
    """
    return Organisation.objects.filter(kind=OrganisationKind.FORCE).order_by("name").first()


def support_contact(*, force_slug: str | None = None,
                    language: str = "en") -> SupportContact | None:
    """The support line for a force's victims, or None when that force has none configured.

    With no slug, the default force's (never another force's line in its place). The name and
    hours are in the given leaflet language: hours written out from the force's days and times;
    "" when it only has free English text and the language is not English.
    """
    if force_slug:
        force = Organisation.objects.filter(kind=OrganisationKind.FORCE, slug=force_slug).first()
    else:
        force = default_force()
    if force is None or not force.support_line_phone:
        return None
    from leaflets.contacts import contact_values  # leaflets' models import this app's models

    values = contact_values(force).for_language(language)
    return SupportContact(name=values.support_name, phone=force.support_line_phone,
                          hours=values.support_hours)


@dataclass(frozen=True)
class MessageProviders:
    sms: str
    email: str


def message_providers(*, default_sms: str, default_email: str) -> MessageProviders:
    """The providers the default force chose for its texts and emails; a choice left blank (or
    no force at all) takes the deployment's default.

    Each deployment serves one force (``default_force``), so its choice holds for every message.
    """
    chosen = (
        Organisation.objects.filter(kind=OrganisationKind.FORCE).order_by("name")
        .values_list("sms_provider", "email_provider").first()
    )
    sms, email = chosen if chosen is not None else ("", "")
    return MessageProviders(sms=sms or default_sms, email=email or default_email)


def membership_of(user: AbstractBaseUser | AnonymousUser) -> Membership | None:
    """The user's membership (organisation, units, role), or None for anonymous or unassigned."""
    if not user.is_authenticated:
        return None
    return (Membership.objects.select_related("organisation")
            .filter(user_id=user.pk).first())


def role_of(user: AbstractBaseUser | AnonymousUser) -> Role | None:
    membership = membership_of(user)
    return Role(membership.role) if membership is not None else None


def is_force_member(user: AbstractBaseUser | AnonymousUser) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.organisation.kind == OrganisationKind.FORCE


def own_units(membership: Membership) -> QuerySet[Unit]:
    """The member's units that belong to their own organisation, by name: what a portal picker
    lists (a unit of another organisation, however it got there, is never offered)."""
    return membership.units.filter(organisation_id=membership.organisation_id).order_by("name")
