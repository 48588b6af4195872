"""Erasure on a victim's request, completed by staff and recorded in the audit log.

The assistant opens a ``DataRequest`` (``referrals.services.request_erasure``); staff find the
victim (by the erasure request, a referral reference, or a phone number or email address looked
up through the keyed index — the value itself is never stored, logged or put in a URL), see what
will be erased (``plan_erasure``) and complete it (``complete_erasure``): contact details (an
SMS opt-out keeps the keyed index of the number, as retention does), message bodies, the
conversation with the assistant (Rasa's tracker), needs assessments, and the personal fields of
referrals and consent records. Rows the dashboard counts stay, anonymised
(``referrals.anonymise``). One audit event says who, when, which request and how many records.

Who may erase whom: a caseworker the victims referred to their own service — and only when every
referral of that victim is to their service; an admin of a force, any victim; an admin of a
support service, as its caseworkers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.actions import AuditAction
from audit.services import record_event
from messaging.contacts import ContactError, parse_email, parse_phone
from messaging.crypto import contact_index
from messaging.models import InboundMessage, Message, OptOut, Recipient, new_conversation_id
from messaging.statuses import Channel, MessageStatus
from messaging.transitions import move
from organisations.models import Membership, OrganisationKind
from organisations.roles import Role
from referrals import services
from referrals.anonymise import (
    anonymise_consents,
    anonymise_needs,
    anonymise_referrals,
    needs_with_personal_data,
    referrals_with_personal_data,
)
from referrals.models import ConsentRecord, DataRequest, NeedsAssessment, Referral
from referrals.statuses import DataRequestKind, DataRequestStatus
from retention import trackers

CANCELLED = "Cancelled: the victim's records were erased on their request"
UNSENT = (MessageStatus.CREATED, MessageStatus.QUEUED)


class ErasureRefused(Exception):
    """This erasure cannot be done by this member of staff; the message says why."""


def _whole_force(membership: Membership) -> bool:
    return (membership.role == Role.ADMIN
            and membership.organisation.kind == OrganisationKind.FORCE)


def victims_in_scope(*, membership: Membership) -> QuerySet[Recipient]:
    """The victims this member of staff may look up and erase."""
    if _whole_force(membership):
        return Recipient.objects.all()
    if membership.role in (Role.CASEWORKER, Role.ADMIN):
        return Recipient.objects.filter(
            pk__in=Referral.objects.filter(target=membership.organisation)
            .values("recipient_id"))
    return Recipient.objects.none()


def open_requests(*, membership: Membership) -> QuerySet[DataRequest]:
    """Open erasure requests of the victims in scope, oldest first."""
    return (DataRequest.objects.filter(kind=DataRequestKind.ERASURE.value,
                                       status=DataRequestStatus.OPEN.value,
                                       recipient__in=victims_in_scope(membership=membership))
            .order_by("created_at", "pk"))


def victim(*, membership: Membership, pk: int) -> Recipient | None:
    return victims_in_scope(membership=membership).filter(pk=pk).first()


def _lookup_audited(membership: Membership, user: User, *, by: str,
                    found: Recipient | None) -> Recipient | None:
    record_event(actor=user, role=membership.role, action=AuditAction.ERASURE_LOOKUP,
                 object_type="messaging.recipient", object_id=found.pk if found else "",
                 detail={"by": by, "found": found is not None})
    return found


def find_by_reference(*, membership: Membership, user: User,
                      reference: str) -> Recipient | None:
    """The victim of a referral, by its reference (audited, found or not)."""
    referral = Referral.objects.filter(reference=reference.strip().upper()[:12]).first()
    found = None
    if referral is not None:
        found = victims_in_scope(membership=membership).filter(
            pk=referral.recipient_id).first()
    return _lookup_audited(membership, user, by="reference", found=found)


def find_by_contact(*, membership: Membership, user: User, contact: str) -> Recipient | None:
    """The victim with this phone number or email address (ContactError if it is neither).

    Looked up by the keyed index only; the audit event says which kind was looked up, never
    the value.
    """
    if "@" in contact:
        index, by = contact_index(parse_email(contact)), "email"
        condition = Q(email_index=index)
    else:
        phone = parse_phone(contact, for_sms=False,
                            allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
        index, by = contact_index(phone), "phone"
        condition = Q(phone_index=index)
    found = victims_in_scope(membership=membership).filter(condition).first()
    return _lookup_audited(membership, user, by=by, found=found)


def check_contact(contact: str) -> None:
    """ContactError (with a message fit to show) unless this is a phone number or email."""
    if "@" in contact:
        parse_email(contact)
    else:
        parse_phone(contact, for_sms=False, allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)


def plan_requests(*, recipient: Recipient) -> list[int]:
    """The ids of the victim's open erasure requests, oldest first."""
    return list(DataRequest.objects.filter(
        recipient=recipient, kind=DataRequestKind.ERASURE.value,
        status=DataRequestStatus.OPEN.value).order_by("pk").values_list("pk", flat=True))


def _safe_recipients(recipient: Recipient) -> QuerySet[Recipient]:
    """Safe numbers this victim gave that no one else's records use."""
    given = (set(NeedsAssessment.objects.filter(recipient=recipient)
                 .values_list("safe_recipient_id", flat=True))
             | set(Referral.objects.filter(recipient=recipient)
                   .values_list("safe_recipient_id", flat=True)))
    given.discard(None)
    others = (Q(messages__isnull=False) | Q(referrals__isnull=False)
              | Q(needs_assessments__isnull=False) | Q(consents__isnull=False))
    return (Recipient.objects.filter(pk__in=given).exclude(pk=recipient.pk)
            .exclude(others)
            # NOT IN with a NULL in the list matches nothing: only the numbers actually given.
            .exclude(pk__in=NeedsAssessment.objects.exclude(recipient=recipient)
                     .filter(safe_recipient__isnull=False).values("safe_recipient_id"))
            .exclude(pk__in=Referral.objects.exclude(recipient=recipient)
                     .filter(safe_recipient__isnull=False).values("safe_recipient_id"))
            .distinct())


@dataclass(frozen=True)
class ErasurePlan:
    """What an erasure of one victim would erase (counts only, no personal data)."""

    recipient_id: int
    contact_details: int  # 1 when the victim still has a phone number or email address
    safe_numbers: int
    message_bodies: int
    unsent_messages: int  # cancelled by the erasure
    inbound_bodies: int
    conversation_events: int
    needs: int
    referrals: int
    consents: int
    references: list[str] = field(default_factory=list)  # referrals the staff member may see
    other_services: int = 0  # referrals to services the staff member does not belong to
    requests: list[int] = field(default_factory=list)  # open erasure requests

    @property
    def blocked(self) -> str:
        if self.other_services:
            return (f"This victim also has {self.other_services} referral(s) with another "
                    "support service: only an administrator of the force can erase their "
                    "records.")
        return ""

    @property
    def total(self) -> int:
        return sum(self.counts().values())

    def counts(self) -> dict[str, int]:
        return {"contact_details": self.contact_details, "safe_numbers": self.safe_numbers,
                "message_bodies": self.message_bodies, "unsent_messages": self.unsent_messages,
                "inbound_bodies": self.inbound_bodies,
                "conversation_events": self.conversation_events, "needs": self.needs,
                "referrals": self.referrals, "consents": self.consents}


def _messages_with_bodies(recipient: Recipient) -> QuerySet[Message]:
    return Message.objects.filter(recipient=recipient).exclude(body_text="", body_html="",
                                                               subject="")


def plan_erasure(*, membership: Membership, recipient: Recipient) -> ErasurePlan:
    referrals = Referral.objects.filter(recipient=recipient)
    mine = (referrals if _whole_force(membership)
            else referrals.filter(target=membership.organisation))
    return ErasurePlan(
        recipient_id=recipient.pk,
        contact_details=int(bool(recipient.phone or recipient.email)),
        safe_numbers=_safe_recipients(recipient).exclude(phone="", email="").count(),
        message_bodies=_messages_with_bodies(recipient).count(),
        unsent_messages=Message.objects.filter(
            recipient=recipient, status__in=[s.value for s in UNSENT]).count(),
        inbound_bodies=InboundMessage.objects.filter(recipient=recipient).exclude(body="")
        .count(),
        conversation_events=trackers.conversation_events(sender_id=recipient.conversation_id),
        needs=needs_with_personal_data(NeedsAssessment.objects.filter(recipient=recipient))
        .count(),
        referrals=referrals_with_personal_data(referrals).count(),
        consents=ConsentRecord.objects.filter(recipient=recipient).exclude(evidence={}).count(),
        references=sorted(mine.values_list("reference", flat=True)),
        other_services=referrals.count() - mine.count(),
        requests=plan_requests(recipient=recipient),
    )


def _erase_contact_details(recipients: QuerySet[Recipient], now: datetime) -> None:
    opted_out = Q(pk__in=OptOut.objects.filter(channel=Channel.SMS.value, ended_at__isnull=True)
                  .values("recipient_id"))
    recipients.filter(opted_out).update(phone="", email="", email_index="", erased_at=now)
    recipients.exclude(opted_out).update(phone="", email="", phone_index="", email_index="",
                                         erased_at=now)


def _cancel_unsent(recipient: Recipient) -> None:
    for message in Message.objects.select_for_update().filter(
            recipient=recipient, status__in=[s.value for s in UNSENT]):
        move(message, MessageStatus.PERMANENT_FAILURE, kind="status", detail=CANCELLED)


def complete_erasure(*, membership: Membership, user: User, recipient: Recipient,
                     request: DataRequest | None = None) -> ErasurePlan:
    """Erase one victim's records and audit it; the counts of what was erased.

    ``ErasureRefused`` (nothing changed) when the victim is not in this staff member's scope,
    has referrals with other services (a caseworker), or ``request`` is not theirs or not open.
    """
    if victim(membership=membership, pk=recipient.pk) is None:
        raise ErasureRefused("This victim is not one of yours to erase.")
    plan = plan_erasure(membership=membership, recipient=recipient)
    if plan.blocked:
        raise ErasureRefused(plan.blocked)
    if request is not None and request.pk not in plan.requests:
        raise ErasureRefused("That erasure request is not this victim's open request.")
    # Rasa's tracker is another database: erased first, so a failure there changes nothing here.
    events = trackers.erase_conversation(sender_id=recipient.conversation_id)
    now = timezone.now()
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        _cancel_unsent(locked)
        _messages_with_bodies(locked).update(body_text="", body_html="", subject="")
        InboundMessage.objects.filter(recipient=locked).exclude(body="").update(body="")
        safe = Recipient.objects.filter(pk__in=_safe_recipients(locked).values("pk"))
        _erase_contact_details(safe, now)
        anonymise_needs(NeedsAssessment.objects.filter(recipient=locked))
        anonymise_referrals(Referral.objects.filter(recipient=locked))
        anonymise_consents(ConsentRecord.objects.filter(recipient=locked))
        _erase_contact_details(Recipient.objects.filter(pk=locked.pk), now)
        # A new conversation id: nothing left in Rasa's logs or lock store links to this one.
        Recipient.objects.filter(pk=locked.pk).update(conversation_id=new_conversation_id())
        done = _with_events(plan, events)
        closing = DataRequest.objects.filter(pk__in=plan.requests)
        for open_request in closing:
            services.close_data_request(request=open_request, by=user,
                                        status=DataRequestStatus.COMPLETED,
                                        note="Erased by staff")
        record_event(actor=user, role=membership.role, action=AuditAction.ERASURE,
                     object_type="messaging.recipient", object_id=locked.pk,
                     reason="the victim's request",
                     detail={"request": request.pk if request is not None else None,
                             "requests_completed": plan.requests, "counts": done.counts(),
                             "referrals": plan.references})
    return done


def _with_events(plan: ErasurePlan, events: int) -> ErasurePlan:
    """The plan with the tracker events actually deleted (the conversation may have grown)."""
    return replace(plan, conversation_events=events)


__all__ = ["ContactError", "ErasurePlan", "ErasureRefused", "check_contact",
           "complete_erasure", "find_by_contact", "find_by_reference", "open_requests",
           "plan_erasure", "plan_requests", "victim", "victims_in_scope"]
