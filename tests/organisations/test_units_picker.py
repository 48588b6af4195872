"""Wherever an admin or a supervisor picks units, only their own organisation's are listed:
the Django admin's membership and unit forms, and the portal's dashboard and give forms."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from organisations.models import Membership, Organisation, OrganisationKind, Unit
from portal.forms import DashboardFilterForm, GiveLeafletForm
from tests.portal.factories import World, make_world
from tests.second_factor import verified_login

FOREIGN = "Elsewhere Central borough"


@pytest.fixture
def world(db: None) -> World:
    made = make_world()
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Police",
                                            kind=OrganisationKind.FORCE)
    Unit.objects.create(organisation=elsewhere, name=FOREIGN)
    return made


@pytest.fixture
def admin(client: Client, world: World) -> Client:
    verified_login(client, world.admin)
    return client


def test_the_membership_units_widget_lists_only_the_forces_units(admin: Client,
                                                                 world: World) -> None:
    for page in (f"/admin/auth/user/{world.supervisor.pk}/change/", "/admin/auth/user/add/"):
        html = admin.get(page).content.decode()
        assert "North borough" in html, page
        assert FOREIGN not in html, page


def test_a_unit_parent_is_picked_from_the_forces_units(admin: Client, world: World) -> None:
    for page in ("/admin/organisations/unit/add/",
                 f"/admin/organisations/organisation/{world.force.pk}/change/"):
        html = admin.get(page).content.decode()
        assert "North borough" in html, page
        assert FOREIGN not in html, page


def test_an_operator_without_a_membership_sees_every_unit(client: Client, world: World) -> None:
    operator = User.objects.create_superuser("operator", password="x-long-pass-9")
    verified_login(client, operator)
    assert FOREIGN in client.get("/admin/organisations/unit/add/").content.decode()


def test_a_membership_being_edited_offers_only_its_organisations_units(world: World) -> None:
    from organisations.admin import MembershipForm

    membership = Membership.objects.get(user=world.caseworker)
    form = MembershipForm(instance=membership)
    assert list(form.fields["units"].queryset) == []  # type: ignore[attr-defined]


def test_portal_pickers_never_offer_a_foreign_unit(world: World) -> None:
    # A foreign unit on a membership (put there outside the admin's checks) is never listed.
    supervisor = Membership.objects.get(user=world.supervisor)
    officer = Membership.objects.get(user=world.officer)
    foreign = Unit.objects.get(name=FOREIGN)
    for membership in (supervisor, officer):
        membership.units.add(foreign)
    dashboard = DashboardFilterForm(membership=supervisor).fields["units"]
    give = GiveLeafletForm(membership=officer).fields["unit"]
    assert [u.name for u in dashboard.queryset] == ["North borough"]  # type: ignore[attr-defined]
    assert [u.name for u in give.queryset] == ["North borough"]  # type: ignore[attr-defined]
