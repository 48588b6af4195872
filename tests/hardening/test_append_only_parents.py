"""Append-only events keep their parents: deleting a message, referral, case event or victim
case that has events is refused (``on_delete=PROTECT``) instead of silently deleting the events
with it, as the admin's delete did for a referral's history."""

from __future__ import annotations

import pytest
from django.db.models import PROTECT, ForeignKey, Model, ProtectedError
from django.utils import timezone

from caseupdates.models import CaseEvent, CaseUpdate, VictimCase
from messaging.models import DeliveryEvent, Message, Recipient
from organisations.models import Organisation, OrganisationKind
from referrals.models import ConsentRecord, Referral, ReferralEvent
from referrals.services import create_referral
from referrals.statuses import ReferralSource
from tests.caseupdates.support import give_leaflet
from tests.factories import make_force
from tests.transfers.conftest import give_consent
from transfers.models import TransferAttempt

pytestmark = pytest.mark.django_db


def _referral() -> Referral:
    service = Organisation.objects.create(slug="care", name="Care Service",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    victim = Recipient.objects.create(phone="+447700900321", language="pl")
    give_consent(victim)
    return create_referral(recipient=victim, target=service, source=ReferralSource.POLICE,
                           language="pl", crime_reference="AB/1/26", crime_type="burglary")


def test_a_message_with_delivery_events_cannot_be_deleted() -> None:
    recipient = Recipient.objects.create(phone="+447700900123")
    message = Message.objects.create(channel="sms", recipient=recipient, template="t",
                                     body_text="x", idempotency_key="k", origin="system")
    DeliveryEvent.objects.create(message=message, kind="status", status="queued")
    with pytest.raises(ProtectedError):
        message.delete()
    assert DeliveryEvent.objects.filter(message=message).count() == 1


def test_a_referral_with_events_cannot_be_deleted() -> None:
    referral = _referral()
    assert ReferralEvent.objects.filter(referral=referral).exists()
    with pytest.raises(ProtectedError):
        referral.delete()
    assert Referral.objects.filter(pk=referral.pk).exists()


@pytest.mark.parametrize(("model", "parent"), [
    (DeliveryEvent, "message"), (ReferralEvent, "referral"), (TransferAttempt, "referral"),
    (CaseUpdate, "event"), (CaseUpdate, "case"), (ConsentRecord, "recipient"),
])
def test_every_append_only_event_protects_its_parent(model: type[Model], parent: str) -> None:
    field = model._meta.get_field(parent)
    assert isinstance(field, ForeignKey)
    assert field.remote_field.on_delete is PROTECT


def test_a_case_event_with_updates_owed_cannot_be_deleted() -> None:
    force = make_force()
    issue = give_leaflet(force)
    case = VictimCase.objects.get(leaflet_issue=issue)
    event = CaseEvent.objects.create(organisation=force, crime_reference=case.crime_reference,
                                     kind="charged", decided_at=timezone.now(), source="api")
    CaseUpdate.objects.create(event=event, case=case, due_at=timezone.now())
    with pytest.raises(ProtectedError):
        event.delete()
    assert CaseUpdate.objects.filter(event=event).count() == 1


def test_a_victim_case_with_updates_owed_cannot_be_deleted_nor_its_leaflet_issue() -> None:
    force = make_force()
    issue = give_leaflet(force)
    case = VictimCase.objects.get(leaflet_issue=issue)
    event = CaseEvent.objects.create(organisation=force, crime_reference=case.crime_reference,
                                     kind="charged", decided_at=timezone.now(), source="api")
    CaseUpdate.objects.create(event=event, case=case, due_at=timezone.now())
    with pytest.raises(ProtectedError):
        case.delete()
    with pytest.raises(ProtectedError):
        issue.delete()  # the victim case goes with its issue, and its updates would with it
    assert CaseUpdate.objects.filter(case=case).count() == 1
