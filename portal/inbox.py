"""The support service's referral inbox: only referrals addressed to the caseworker's service.

Every opening of a referral and every showing of contact details writes an audit event; status
changes and notes go through ``referrals.services`` (which audit them too).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from audit.actions import AuditAction
from audit.services import record_event
from organisations.models import Membership
from referrals.models import Referral
from referrals.statuses import OPEN, ReferralSource, ReferralStatus

FLAG_WORDS = {
    "missing-number": "No phone number",
    "invalid-number": "The phone number is not valid",
    "landline": "The number is a landline (no texts)",
    "no-safe-contact": "No safe way to contact",
    "interpreter-needed": "Needs an interpreter",
}
STATUS_WORDS = {
    ReferralStatus.NEW: "New",
    ReferralStatus.IN_PROGRESS: "In progress",
    ReferralStatus.CONTACTED: "Contacted",
    ReferralStatus.UNABLE_TO_CONTACT: "Unable to contact",
    ReferralStatus.RETURNED: "Returned to the force",
    ReferralStatus.CLOSED: "Closed",
}


def normalise_reference(text: str) -> str:
    """A reference as a caseworker may type it, in its stored form ('' if it cannot be one).

    >>> normalise_reference(" r-abc234 "), normalise_reference("ABC234"), normalise_reference("x")
    ('R-ABC234', 'R-ABC234', '')
    """
    cleaned = text.strip().upper().replace(" ", "")
    cleaned = cleaned if cleaned.startswith("R-") else f"R-{cleaned}"
    return cleaned if len(cleaned) == 8 else ""


def page_key(referral: Referral) -> str:
    """The "older than this one" key of the inbox's next page (time and id: unique, in order)."""
    return f"{referral.created_at.isoformat()}_{referral.pk}"


def parse_page_key(text: str) -> tuple[datetime, uuid.UUID] | None:
    """The time and id of a page key, or None for anything that is not one (the first page)."""
    at, _, pk = text.partition("_")
    try:
        when, key = datetime.fromisoformat(at), uuid.UUID(pk)
    except ValueError:
        return None
    return (when, key) if when.tzinfo is not None else None


def inbox(*, membership: Membership, status: str = "", source: str = "", flag: str = "",
          search: str = "", before: str = "") -> QuerySet[Referral]:
    """The service's referrals, newest first, optionally filtered (unknown values are ignored).

    ``search`` (a reference) finds that referral of the service whatever the filters say;
    ``before`` (a ``page_key``) starts after that referral: the page after it, at the same cost
    however far back it is.
    """
    referrals = Referral.objects.filter(target=membership.organisation).select_related("consent")
    if search:
        return referrals.filter(reference=normalise_reference(search))
    if status in {s.value for s in ReferralStatus}:
        referrals = referrals.filter(status=status)
    elif status == "open":
        referrals = referrals.exclude(status=ReferralStatus.CLOSED.value)
    if source in {s.value for s in ReferralSource}:
        referrals = referrals.filter(source=source)
    if flag in FLAG_WORDS:
        referrals = referrals.filter(data_quality_flags__icontains=f'"{flag}"')
    key = parse_page_key(before) if before else None
    if key is not None:
        referrals = referrals.filter(Q(created_at__lt=key[0]) | Q(created_at=key[0],
                                                                   id__lt=key[1]))
    return referrals.order_by("-created_at", "-id")


def status_count_query(*, membership: Membership) -> QuerySet[Referral, dict[str, Any]]:
    return (Referral.objects.filter(target=membership.organisation,
                                    status__in=[status.value for status in OPEN])
            .order_by().values("status").annotate(n=Count("pk")))


def status_counts(*, membership: Membership) -> dict[str, int]:
    """How many of the service's referrals are in each open status (0 if none).

    Closed referrals are not counted: they are most of a service's history and nobody's work,
    and counting them would make every inbox page cost more as the years pass.
    """
    found = {row["status"]: row["n"] for row in status_count_query(membership=membership)}
    return {status.value: found.get(status.value, 0) for status in ReferralStatus
            if status in OPEN}


def open_referral(*, membership: Membership, reference: str, user: User) -> Referral | None:
    """A referral of the caseworker's service, by reference; the opening is audited."""
    referral = (Referral.objects.select_related("consent", "needs", "referrer_unit")
                .filter(target=membership.organisation, reference=reference).first())
    if referral is not None:
        record_event(actor=user, role=membership.role, action=AuditAction.VIEW_REFERRAL,
                     object_type="referrals.referral", object_id=str(referral.pk))
    return referral


@dataclass(frozen=True)
class ContactDetails:
    phone: str
    email: str
    safe_phone: str


def reveal_contact(*, membership: Membership, referral: Referral, user: User,
                   reason: str) -> ContactDetails:
    """The victim's contact details, shown on purpose and audited with the reason given."""
    record_event(actor=user, role=membership.role, action=AuditAction.VIEW_CONTACT,
                 object_type="referrals.referral", object_id=str(referral.pk), reason=reason,
                 detail={"fields": ["phone", "email", "safe_phone"]})
    safe = referral.safe_recipient
    return ContactDetails(phone=referral.recipient.phone, email=referral.recipient.email,
                          safe_phone=safe.phone if safe is not None else "")
