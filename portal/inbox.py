"""The support service's referral inbox: only referrals addressed to the caseworker's service.

Every opening of a referral and every showing of contact details writes an audit event; status
changes and notes go through ``referrals.services`` (which audit them too).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from audit.actions import AuditAction
from audit.services import record_event
from organisations.models import Membership
from referrals.models import Referral
from referrals.statuses import ReferralSource, ReferralStatus

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


def inbox(*, membership: Membership, status: str = "", source: str = "",
          flag: str = "") -> QuerySet[Referral]:
    """The service's referrals, newest first, optionally filtered (unknown values are ignored)."""
    referrals = Referral.objects.filter(target=membership.organisation).select_related("consent")
    if status in {s.value for s in ReferralStatus}:
        referrals = referrals.filter(status=status)
    elif status == "open":
        referrals = referrals.exclude(status=ReferralStatus.CLOSED.value)
    if source in {s.value for s in ReferralSource}:
        referrals = referrals.filter(source=source)
    if flag in FLAG_WORDS:
        referrals = referrals.filter(data_quality_flags__icontains=f'"{flag}"')
    return referrals.order_by("-created_at")


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
