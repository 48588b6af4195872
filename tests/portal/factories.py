"""Factories for the portal tests: a force with two boroughs, a support service, one user per
role, issues and referrals, each with defaults for every argument."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from leaflets.models import LeafletIssue
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from messaging.recipients import recipient_for_phone
from organisations.models import Membership, Organisation, OrganisationKind, Unit
from organisations.roles import Role
from referrals import services as referral_services
from referrals.consent import CURRENT_VERSION
from referrals.models import Referral
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource

PASSWORD = "a-long-test-password-1"


@dataclass
class World:
    force: Organisation
    service: Organisation
    north: Unit
    south: Unit
    officer: User
    supervisor: User
    caseworker: User
    admin: User
    other_officer: User


def make_user(username: str, role: Role, organisation: Organisation,
              units: list[Unit] | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if role is Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    membership = Membership.objects.create(user=user, organisation=organisation, role=role.value)
    membership.units.set(units or [])
    return user


def make_world() -> World:
    force = Organisation.objects.create(
        slug="testshire-police", name="Testshire Police", kind=OrganisationKind.FORCE,
        crime_reference_pattern=r"\d{2}/\d{6}/\d{2}", crime_reference_example="01/234567/26",
        support_line_name="Testshire Care", support_line_phone="0808 157 0000")
    service = Organisation.objects.create(slug="testshire-care", name="Testshire Care",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    north = Unit.objects.create(organisation=force, name="North borough")
    south = Unit.objects.create(organisation=force, name="South borough")
    return World(
        force=force, service=service, north=north, south=south,
        officer=make_user("officer-n", Role.OFFICER, force, [north]),
        supervisor=make_user("supervisor-n", Role.SUPERVISOR, force, [north]),
        caseworker=make_user("caseworker", Role.CASEWORKER, service),
        admin=make_user("admin", Role.ADMIN, force),
        other_officer=make_user("officer-s", Role.OFFICER, force, [south]),
    )


def make_issue(world: World, *, officer: User | None = None, unit: Unit | None = None,
               language: str = "en", channels: list[IssueChannel] | None = None,
               crime_reference: str = "", now: datetime | None = None) -> LeafletIssue:
    return issue_leaflet(language=language, channels=channels or [IssueChannel.QR],
                         organisation=world.force, crime_reference=crime_reference,
                         issued_by=officer or world.officer, unit=unit or world.north,
                         now=now or timezone.now()).issue


def make_referral(world: World, *, phone: str = "+447700900123", officer: User | None = None,
                  unit: Unit | None = None, target: Organisation | None = None
                  ) -> Referral:
    recipient = recipient_for_phone(phone=phone, language="en")
    referral_services.record_consent(
        recipient=recipient, decision=ConsentDecision.GIVEN, wording_version=CURRENT_VERSION,
        language="en", channel=ConsentChannel.OFFICER, recorded_by=officer or world.officer,
        evidence={"statement": "Can we pass your details to Testshire Care?"})
    return referral_services.create_referral(
        recipient=recipient, target=target or world.service, source=ReferralSource.POLICE,
        language="en", crime_reference="01/234567/26", referrer=officer or world.officer,
        referrer_unit=unit or world.north)
