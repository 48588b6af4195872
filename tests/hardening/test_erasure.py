"""Erasure on a victim's request, completed by staff: the request the assistant took, finding
the victim, what will go, erasing it (contact details, bodies, the Rasa conversation, needs,
referral and consent personal fields) with one audit event — and who may not."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import verify_chain
from chat import services as chat
from messaging.crypto import contact_index
from messaging.models import InboundMessage, Message, Recipient
from messaging.optouts import is_opted_out, opt_out
from messaging.outbound import Content, send_to_recipient
from messaging.recipients import recipient_for_phone
from messaging.statuses import Channel, MessageStatus, Origin
from organisations.models import Organisation, OrganisationKind
from organisations.roles import Role
from portal import dashboard
from portal.views.supervisor import TABLES
from referrals import services as referral_services
from referrals.models import ConsentRecord, DataRequest, NeedsAssessment, Referral
from referrals.statuses import Via
from retention.trackers import TrackerStore
from tests.portal.factories import World, make_referral, make_user, make_world
from tests.retention.trackerstore import (
    rasa_store,
    save_conversation,
    stored_senders,
    tracker_store,
    use_store,
)
from tests.second_factor import verified_login

pytestmark = pytest.mark.django_db
PHONE = "+447700900123"
SAFE = "+447700900456"
OTHER = "+447700900789"
NOW = timezone.now()


@pytest.fixture
def world(settings: Any) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_world()


@pytest.fixture
def store(settings: Any, tmp_path: Path) -> Any:
    with tracker_store("sqlite", tmp_path) as found:
        use_store(settings, found)
        rasa = rasa_store(found)
        yield rasa
        rasa.engine.dispose()


@pytest.fixture
def victim(world: World, store: Any) -> Recipient:
    """A victim referred by an officer, who later texted the assistant and asked for erasure."""
    referral = make_referral(world, phone=PHONE)
    recipient = referral.recipient
    safe = recipient_for_phone(phone=SAFE)
    needs = referral_services.record_needs(
        recipient=recipient, answers={"afraid": "yes", "interpreter": "no"}, language="en",
        via=Via.ASSISTANT, completed=True, crime_type="burglary", safe_recipient=safe)
    Referral.objects.filter(pk=referral.pk).update(
        needs=needs, safe_recipient=safe, needs_snapshot={"answers": needs.answers},
        enhanced_rights=True, enhanced_rights_reasons=["intimidated"])
    for n in range(2):
        message = send_to_recipient(
            channel=Channel.SMS, recipient=recipient,
            content=Content(template="assistant-reply", language="en", text=f"Reply {n}"),
            idempotency_key=f"reply-{n}", origin=Origin.ASSISTANT)
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.DELIVERED.value)
    InboundMessage.objects.create(channel="sms", provider_id="SM-victim", recipient=recipient,
                                  body="please delete my data", status="relayed")
    save_conversation(store, sender_id=recipient.conversation_id,
                      sessions=[[NOW - timedelta(minutes=3)]])
    save_conversation(store, sender_id="someone-else", sessions=[[NOW - timedelta(minutes=3)]])
    chat.request_erasure(conversation_id=recipient.conversation_id)  # the assistant's path
    # Another victim, whose records must not change (and whose needs name no safe number).
    other = make_referral(world, phone=OTHER)
    referral_services.record_needs(recipient=other.recipient, answers={"afraid": "no"},
                                   language="en", via=Via.OFFICER, completed=False)
    return recipient


def figures(world: World) -> dict[str, Any]:
    today = timezone.localdate()
    scope = dashboard.Scope(organisation=world.force, units=(world.north, world.south),
                            start=today - timedelta(days=7), end=today)
    return {key: build(scope) for key, build in TABLES.items()} | {
        "headline": dashboard.headline(scope)}


def state() -> tuple[Any, ...]:
    return (list(Recipient.objects.order_by("pk").values_list("phone", "email", "erased_at",
                                                              "conversation_id")),
            list(Message.objects.order_by("pk").values_list("body_text", "status")),
            list(InboundMessage.objects.order_by("pk").values_list("body", flat=True)),
            list(NeedsAssessment.objects.order_by("pk").values_list("answers", flat=True)),
            list(Referral.objects.order_by("pk").values_list("needs_snapshot", "crime_reference")),
            list(ConsentRecord.objects.order_by("pk").values_list("evidence", flat=True)),
            list(DataRequest.objects.order_by("pk").values_list("status", flat=True)))


def _erase(client: Client, recipient: Recipient, **data: Any) -> Any:
    return client.post(f"/portal/erasure/victims/{recipient.pk}/erase/", data)


def test_a_caseworker_completes_the_request_and_the_audit_log_records_it(
        client: Client, world: World, victim: Recipient, store: Any) -> None:
    request = DataRequest.objects.get(recipient=victim)
    victim_needs = NeedsAssessment.objects.get(recipient=victim).pk
    before = figures(world)
    verified_login(client, world.caseworker)

    listing = client.get("/portal/erasure/").content.decode()
    assert f"/portal/erasure/victims/{victim.pk}/" in listing
    snapshot = state()
    page = client.get(f"/portal/erasure/victims/{victim.pk}/")
    assert page.status_code == 200
    plan = page.context["plan"]
    assert plan.counts() == {"contact_details": 1, "safe_numbers": 1, "message_bodies": 2,
                             "unsent_messages": 0, "inbound_bodies": 1,
                             "conversation_events": 5, "needs": 1, "referrals": 1,
                             "consents": 1}
    assert PHONE not in page.content.decode()
    assert state() == snapshot  # looking changes nothing

    response = _erase(client, victim, request=request.pk, confirm="on")
    assert response.status_code == 302

    erased = Recipient.objects.get(pk=victim.pk)
    assert (erased.phone, erased.email, erased.phone_index) == ("", "", "")
    assert erased.erased_at is not None
    assert erased.conversation_id != victim.conversation_id
    assert [(r.phone, r.erased_at is not None) for r in Recipient.objects.order_by("pk")] == [
        ("", True), ("", True), (OTHER, False)]  # the victim, their safe number, another
    assert set(Message.objects.values_list("body_text", flat=True)) == {""}
    assert InboundMessage.objects.get(provider_id="SM-victim").body == ""
    assert stored_senders(store) == {"someone-else"}
    needs = NeedsAssessment.objects.get(pk=victim_needs)
    assert (needs.answers, needs.crime_type, needs.recipient_id) == ({}, "", None)
    assert NeedsAssessment.objects.exclude(pk=victim_needs).get().answers == {"afraid": "no"}
    other = Referral.objects.get(recipient__phone_index=contact_index(OTHER))
    assert other.crime_reference == "01/234567/26"
    assert other.consent.evidence != {}
    referral = Referral.objects.get(recipient=victim)
    assert (referral.needs_snapshot, referral.crime_reference, referral.safe_recipient_id,
            referral.enhanced_rights_reasons) == ({}, "", None, [])
    assert referral.enhanced_rights
    assert referral.status == "new"
    assert ConsentRecord.objects.get(recipient=victim).evidence == {}
    request.refresh_from_db()
    assert (request.status, request.completed_by) == ("completed", world.caseworker)
    assert figures(world) == before

    event = AuditEvent.objects.filter(action="erasure", object_type="messaging.recipient").get()
    assert (event.actor_username, event.role, event.object_id) == (
        "caseworker", "caseworker", str(victim.pk))
    assert event.detail["request"] == request.pk
    assert event.detail["counts"]["conversation_events"] == 5
    assert event.detail["counts"]["message_bodies"] == 2
    logged = json.dumps(list(AuditEvent.objects.values()), default=str)
    for secret in (PHONE, PHONE[3:], SAFE[3:], "please delete", "afraid"):
        assert secret not in logged
    assert verify_chain().ok
    assert "No open erasure requests" in client.get("/portal/erasure/").content.decode()
    # Nobody can contact an erased victim: the referral leaves the open inbox and its counts,
    # and its page says why the contact details are gone.
    assert referral.reference not in client.get("/portal/referrals/").content.decode()
    assert referral.reference in client.get("/portal/referrals/?status=all").content.decode()
    assert "All open (1)" in client.get("/portal/referrals/").content.decode()
    shown = client.get(f"/portal/referrals/{referral.reference}/").content.decode()
    assert "data was erased" in shown
    assert "Show name and contact details" not in shown


def test_staff_find_a_victim_by_phone_or_reference_without_it_reaching_a_url_or_the_log(
        client: Client, world: World, victim: Recipient) -> None:
    verified_login(client, world.caseworker)
    found = client.post("/portal/erasure/find/", {"contact": "07700 900123"})
    assert found.status_code == 302
    assert found["Location"] == f"/portal/erasure/victims/{victim.pk}/"
    reference = Referral.objects.get(recipient=victim).reference
    by_reference = client.post("/portal/erasure/find/", {"reference": reference.lower()})
    assert by_reference["Location"] == f"/portal/erasure/victims/{victim.pk}/"
    missing = client.post("/portal/erasure/find/", {"contact": "07700 900999"})
    assert missing.status_code == 200
    assert missing.context["not_found"]
    lookups = list(AuditEvent.objects.filter(action="erasure-lookup")
                   .values_list("detail", flat=True))
    assert lookups == [{"by": "phone", "found": True}, {"by": "reference", "found": True},
                       {"by": "phone", "found": False}]
    assert "900123" not in json.dumps(list(AuditEvent.objects.values()), default=str)


def test_bad_input_gets_a_clear_error_and_erases_nothing(client: Client, world: World,
                                                         victim: Recipient) -> None:
    verified_login(client, world.caseworker)
    snapshot = state()
    both = client.post("/portal/erasure/find/", {"reference": "R-ABCDEF", "contact": PHONE})
    assert both.status_code == 400
    assert "one of them" in both.content.decode()
    bad = client.post("/portal/erasure/find/", {"contact": "not a number"})
    assert bad.status_code == 400
    assert "not a phone number" in bad.content.decode()
    unconfirmed = _erase(client, victim, request=DataRequest.objects.get().pk)
    assert unconfirmed.status_code == 400
    assert "Tick the box" in unconfirmed.content.decode()
    assert _erase(client, victim).status_code == 400  # an empty form, as a stray POST sends
    assert state() == snapshot
    assert not AuditEvent.objects.filter(action="erasure", object_type="messaging.recipient")


def test_a_caseworker_cannot_see_or_erase_another_services_victim(
        client: Client, world: World, victim: Recipient) -> None:
    other = Organisation.objects.create(slug="elsewhere", name="Elsewhere Care",
                                        kind=OrganisationKind.SUPPORT_SERVICE)
    verified_login(client, make_user("stranger", Role.CASEWORKER, other))
    snapshot = state()
    assert f"/victims/{victim.pk}/" not in client.get("/portal/erasure/").content.decode()
    assert client.get(f"/portal/erasure/victims/{victim.pk}/").status_code == 404
    assert _erase(client, victim, confirm="on").status_code == 404
    reference = Referral.objects.get(recipient=victim).reference
    assert client.post("/portal/erasure/find/", {"reference": reference}).context["not_found"]
    assert client.post("/portal/erasure/find/", {"contact": PHONE}).context["not_found"]
    assert state() == snapshot


def test_a_victim_of_two_services_is_erased_by_the_forces_admin_not_a_caseworker(
        client: Client, world: World, victim: Recipient) -> None:
    other = Organisation.objects.create(slug="elsewhere", name="Elsewhere Care",
                                        kind=OrganisationKind.SUPPORT_SERVICE)
    make_referral(world, phone=PHONE, target=other)
    verified_login(client, world.caseworker)
    snapshot = state()
    page = client.get(f"/portal/erasure/victims/{victim.pk}/")
    assert "only an administrator" in page.content.decode()
    assert _erase(client, victim, confirm="on").status_code == 403
    assert state() == snapshot

    verified_login(client, world.admin)
    assert f"/victims/{victim.pk}/" in client.get("/portal/erasure/").content.decode()
    assert _erase(client, victim, confirm="on").status_code == 302
    assert set(Referral.objects.filter(recipient=victim)
               .values_list("crime_reference", flat=True)) == {""}
    assert Referral.objects.exclude(recipient=victim).get().crime_reference == "01/234567/26"
    event = AuditEvent.objects.get(action="erasure", object_type="messaging.recipient")
    assert (event.role, event.detail["request"]) == ("admin", None)
    assert len(event.detail["referrals"]) == 2
    assert DataRequest.objects.get().status == "completed"


def test_an_opted_out_number_stays_opted_out_after_erasure(
        client: Client, world: World, victim: Recipient) -> None:
    opt_out(recipient=victim, channel=Channel.SMS, keyword="STOP", source="inbound-keyword")
    verified_login(client, world.caseworker)
    assert _erase(client, victim, confirm="on").status_code == 302
    assert Recipient.objects.get(pk=victim.pk).phone == ""
    again = recipient_for_phone(phone=PHONE)
    assert again.pk == victim.pk
    assert is_opted_out(recipient=again, channel=Channel.SMS)


def test_nothing_is_erased_when_the_conversation_store_is_down(
        client: Client, world: World, victim: Recipient, settings: Any) -> None:
    down = TrackerStore(db="nothing", host="127.0.0.1", port=1, user="nobody")
    settings.RASA_TRACKER_HOST, settings.RASA_TRACKER_PORT = down.host, down.port
    verified_login(client, world.caseworker)
    snapshot = state()
    assert _erase(client, victim, confirm="on").status_code == 503
    assert state() == snapshot
    assert DataRequest.objects.get().status == "open"
