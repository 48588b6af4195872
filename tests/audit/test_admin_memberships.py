"""A force's supervisor cannot be given another force's units in the admin."""

from __future__ import annotations

import pytest

from organisations.admin import MembershipForm
from organisations.models import Membership, Organisation, OrganisationKind, Unit
from tests.portal.factories import World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def test_units_of_another_force_are_refused(world: World) -> None:
    other = Organisation.objects.create(slug="elsewhere", name="Elsewhere Police",
                                        kind=OrganisationKind.FORCE)
    foreign = Unit.objects.create(organisation=other, name="Elsewhere Central")
    membership = Membership.objects.get(user=world.supervisor)
    data = {"organisation": world.force.pk, "role": "supervisor",
            "units": [world.north.pk, foreign.pk]}
    form = MembershipForm(data=data, instance=membership)
    assert not form.is_valid()
    assert "Elsewhere Central" in str(form.errors["units"])
    data["units"] = [world.north.pk, world.south.pk]
    assert MembershipForm(data=data, instance=membership).is_valid()
