"""The admin is not a back door: a superuser cannot edit or delete victims' records there (a
deleted referral took its append-only events with it), and every read of one, and every change
to users, roles, units and organisations, is on the audit chain."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditEvent
from audit.services import verify_chain
from organisations.models import Membership, Unit
from referrals.models import ConsentRecord, Referral, ReferralEvent
from tests.portal.factories import World, make_referral, make_world
from tests.second_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: object) -> World:
    return make_world()


@pytest.fixture
def admin_client(world: World) -> Client:
    client = Client()
    verified_login(client, world.admin)
    return client


@pytest.mark.parametrize("model", ["referral", "consentrecord"])
def test_victims_records_cannot_be_edited_or_deleted_in_the_admin(
        admin_client: Client, world: World, model: str) -> None:
    referral = make_referral(world)
    target = referral if model == "referral" else ConsentRecord.objects.get()
    base = f"/admin/referrals/{model}/{target.pk}"
    events = ReferralEvent.objects.count()
    assert admin_client.post(f"{base}/change/", {"status": "closed"}).status_code == 403
    assert admin_client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.post(f"/admin/referrals/{model}/", {
        "action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
    ).status_code in (200, 302)
    assert Referral.objects.get(pk=referral.pk).status == referral.status
    assert ReferralEvent.objects.count() == events
    assert admin_client.get(f"/admin/referrals/{model}/add/").status_code == 403


def test_each_staff_read_of_a_victims_record_in_the_admin_is_audited(admin_client: Client,
                                                                     world: World) -> None:
    referral = make_referral(world)
    assert admin_client.get(f"/admin/referrals/referral/{referral.pk}/change/").status_code == 200
    assert admin_client.get("/admin/referrals/referral/").status_code == 200
    read = AuditEvent.objects.get(action="view-record")
    assert (read.object_type, read.object_id, read.actor_id) == (
        "referrals.referral", str(referral.pk), world.admin.pk)
    assert AuditEvent.objects.filter(action="view-list",
                                     object_type="referrals.referral").count() == 1
    admin_client.get("/admin/messaging/inboundmessage/")
    assert AuditEvent.objects.filter(object_type="messaging.inboundmessage").exists()


def test_changes_to_roles_units_and_organisations_are_audited(admin_client: Client,
                                                            world: World) -> None:
    answer = admin_client.post(f"/admin/organisations/unit/{world.north.pk}/change/", {
        "name": "North borough (renamed)", "kind": world.north.kind,
        "organisation": world.force.pk})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert Unit.objects.get(pk=world.north.pk).name == "North borough (renamed)"
    change = AuditEvent.objects.get(action="change", object_type="organisations.unit")
    assert change.detail == {"fields": ["name"]}
    assert "renamed" not in str(change.detail)
    membership = Membership.objects.get(user=world.officer)
    admin_client.post(f"/admin/organisations/unit/{world.south.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(action="delete", object_type="organisations.unit",
                                     object_id=str(world.south.pk)).exists()
    assert membership.pk
    assert verify_chain().ok


def test_a_role_change_in_the_admin_is_audited_with_the_changed_field(
        admin_client: Client, world: World) -> None:
    officer = world.officer
    membership = Membership.objects.get(user=officer)
    form = {
        "username": officer.username, "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        "membership-TOTAL_FORMS": "1", "membership-INITIAL_FORMS": "1",
        "membership-MIN_NUM_FORMS": "0", "membership-MAX_NUM_FORMS": "1",
        "membership-0-id": str(membership.pk), "membership-0-user": str(officer.pk),
        "membership-0-organisation": str(world.force.pk), "membership-0-role": "supervisor",
        "membership-0-units": [str(world.north.pk)],
    }
    answer = admin_client.post(f"/admin/auth/user/{officer.pk}/change/", form)
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    assert Membership.objects.get(pk=membership.pk).role == "supervisor"
    change = AuditEvent.objects.get(action="change", object_type="organisations.membership")
    assert change.detail == {"fields": ["role"]}
    assert AuditEvent.objects.filter(action="change", object_type="auth.user",
                                     object_id=str(officer.pk)).exists()
