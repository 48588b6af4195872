"""Units, memberships and each force's crime-reference format."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from crimes.references import CrimeReferenceError, normalise_for_force
from organisations.models import Membership, Organisation, Unit
from organisations.roles import Role
from organisations.services import membership_of, role_of
from tests.factories import make_force


def test_a_unit_name_is_unique_within_an_organisation(force: Organisation) -> None:
    borough = Unit.objects.create(organisation=force, name="East")
    Unit.objects.create(organisation=force, name="East team", kind="team", parent=borough)
    with pytest.raises(IntegrityError):
        Unit.objects.create(organisation=force, name="East")


def test_role_and_membership_of_a_user(force: Organisation) -> None:
    user = User.objects.create_user("u1")
    assert role_of(user) is None
    assert role_of(AnonymousUser()) is None
    membership = Membership.objects.create(user=user, organisation=force, role="supervisor")
    assert role_of(user) is Role.SUPERVISOR
    assert membership_of(user) == membership


def test_crime_references_follow_the_forces_format(db: None) -> None:
    force = make_force(crime_reference_pattern=r"[A-Z]{2}/\d{6}/\d{2}",
                       crime_reference_example="AB/123456/26")
    assert normalise_for_force(organisation=force, reference=" ab/123456/26 ") == \
        "AB/123456/26"
    assert normalise_for_force(organisation=force, reference="") == ""
    with pytest.raises(CrimeReferenceError, match="AB/123456/26"):
        normalise_for_force(organisation=force, reference="123")
    assert normalise_for_force(organisation=None, reference="anything") == "ANYTHING"


def test_a_broken_pattern_is_refused_by_validation(force: Organisation) -> None:
    force.crime_reference_pattern = "[unclosed"
    with pytest.raises(ValidationError):
        force.full_clean()


@pytest.mark.django_db
def test_support_contact_is_given_in_the_victims_language() -> None:
    from demo.seed import seed_organisations
    from organisations.services import support_contact

    seed_organisations()
    polish = support_contact(language="pl")
    english = support_contact()
    assert polish is not None
    assert english is not None
    assert polish.name == "Pomoc dla Ofiar Northbridge (demo)"
    assert "poniedziałek" in polish.hours
    assert "Monday" not in polish.hours
    assert english.name == "Northbridge Victim Care (demo)"
    assert "Monday" in english.hours


@pytest.mark.django_db
def test_bad_opening_hours_and_translations_are_refused_with_a_reason() -> None:
    force = Organisation(slug="x", name="X", kind="force",
                         support_line_opening_hours=[{"days": "fri-mon", "opens": "08:00",
                                                      "closes": "20:00"}],
                         name_translations={"xx": "Y"})
    with pytest.raises(ValidationError) as raised:
        force.full_clean()
    assert "run backwards" in str(raised.value)
    assert "'xx'" in str(raised.value)
