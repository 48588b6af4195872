"""The support service's referral inbox: only referrals addressed to the caseworker's service.

Every opening of a referral and every showing of contact details writes an audit event; status
changes and notes go through ``referrals.services`` (which audit them too).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from audit.actions import AuditAction
from audit.services import record_event
from organisations.models import Membership
from organisations.roles import Role
from referrals.labels import FLAG_LABELS
from referrals.models import Referral
from referrals.services import current_consent
from referrals.statuses import OPEN, ConsentDecision, ReferralSource, ReferralStatus
from referrals.timeliness import STANDARD_WORKING_DAYS, add_working_days, timeliness

FLAG_WORDS = FLAG_LABELS
# The statuses the two-working-day standard still runs for: nobody has reached the victim yet.
AWAITING_CONTACT = (ReferralStatus.NEW, ReferralStatus.IN_PROGRESS)
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
    referrals = (Referral.objects.filter(target=membership.organisation)
                 .select_related("consent", "assigned_to"))
    if search:
        return referrals.filter(reference=normalise_reference(search))
    if status in {s.value for s in ReferralStatus}:
        referrals = referrals.filter(status=status)
    elif status == "open":
        referrals = referrals.exclude(status=ReferralStatus.CLOSED.value)
    elif status == "mine":
        referrals = referrals.filter(assigned_to=membership.user,
                                     status__in=[s.value for s in OPEN])
    if status in {s.value for s in OPEN} | {"open", "mine"}:
        referrals = still_reachable(referrals)
    if source in {s.value for s in ReferralSource}:
        referrals = referrals.filter(source=source)
    if flag in FLAG_WORDS:
        referrals = referrals.filter(data_quality_flags__icontains=f'"{flag}"')
    key = parse_page_key(before) if before else None
    if key is not None:
        referrals = referrals.filter(Q(created_at__lt=key[0]) | Q(created_at=key[0],
                                                                   id__lt=key[1]))
    return referrals.order_by("-created_at", "-id")


def still_reachable(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Without the referrals of erased victims: nobody can contact them, so they are no one's work.

    Erasure keeps a referral's status (the dashboard counts it), so open views leave them out.
    """
    return referrals.filter(recipient__erased_at__isnull=True)


def overdue(*, membership: Membership, now: datetime | None = None) -> QuerySet[Referral]:
    """The service's referrals past the two-working-day standard with nobody reached, oldest first.

    Overdue means received on a day at least three working days before today (the due date was a
    working day before today), counted in England and Wales working days.
    """
    today = timezone.localdate(now or timezone.now())
    # The latest received day that is overdue today: the day whose due date is before today.
    day = today - timedelta(days=1)
    while add_working_days(day, STANDARD_WORKING_DAYS) >= today:
        day -= timedelta(days=1)
    cutoff = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return (still_reachable(Referral.objects.filter(
        target=membership.organisation, created_at__lt=cutoff,
        status__in=[s.value for s in AWAITING_CONTACT]))
            .select_related("assigned_to").order_by("created_at", "id"))


@dataclass(frozen=True)
class Row:
    """One inbox line: the referral with its due date, age and words for its codes."""

    referral: Referral
    status: str
    flags: list[str]
    due: date
    age_working_days: int
    overdue: bool
    assignee: str


def rows(referrals: list[Referral], *, now: datetime | None = None) -> list[Row]:
    found = []
    for referral in referrals:
        timing = timeliness(received=referral.created_at, now=now)
        status = ReferralStatus(referral.status)
        assignee = referral.assigned_to
        found.append(Row(referral=referral, status=STATUS_WORDS[status],
                         flags=[FLAG_WORDS.get(flag, flag)
                                for flag in referral.data_quality_flags],
                         due=timing.due, age_working_days=timing.age_working_days,
                         overdue=timing.overdue and status in AWAITING_CONTACT,
                         assignee=person(assignee) if assignee is not None else ""))
    return found


def person(user: User) -> str:
    return user.get_full_name() or user.get_username()


def colleagues(*, membership: Membership) -> list[User]:
    """The caseworkers of the service, the ones a referral can be assigned to."""
    return list(User.objects.filter(
        is_active=True, membership__organisation=membership.organisation,
        membership__role=Role.CASEWORKER.value).order_by("first_name", "username"))


def status_count_query(*, membership: Membership) -> QuerySet[Referral, dict[str, Any]]:
    return (still_reachable(Referral.objects.filter(
        target=membership.organisation, status__in=[status.value for status in OPEN]))
            .order_by().values("status").annotate(n=Count("pk")))


def status_counts(*, membership: Membership) -> dict[str, int]:
    """How many of the service's referrals are in each open status (0 if none).

    Closed referrals are not counted: they are most of a service's history and nobody's work,
    and counting them would make every inbox page cost more as the years pass.
    """
    found = {row["status"]: row["n"] for row in status_count_query(membership=membership)}
    return {status.value: found.get(status.value, 0) for status in ReferralStatus
            if status in OPEN}


def contact_locked(referral: Referral) -> str:
    """Why the victim's contact details may not be shown any more, or "" when they may."""
    if referral.recipient.erased_at is not None:
        return "The victim's data was erased at their request."
    consent = current_consent(recipient=referral.recipient)
    if consent is None or consent.decision != ConsentDecision.GIVEN:
        return "The victim withdrew consent to referral: do not contact them about it."
    return ""


class ContactLocked(Exception):
    """Contact details are not shown after consent is withdrawn or the victim's data erased."""


def open_referral(*, membership: Membership, reference: str, user: User) -> Referral | None:
    """A referral of the caseworker's service, by reference; the opening is audited."""
    referral = (Referral.objects.select_related("consent", "needs", "referrer_unit",
                                                "recipient", "assigned_to")
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
    name: str = ""
    called: str = ""


def reveal_contact(*, membership: Membership, referral: Referral, user: User,
                   reason: str) -> ContactDetails:
    """The victim's contact details, shown on purpose and audited with the reason given.

    ``ContactLocked`` (nothing shown, nothing audited) after withdrawal or erasure.
    """
    locked = contact_locked(referral)
    if locked:
        raise ContactLocked(locked)
    record_event(actor=user, role=membership.role, action=AuditAction.VIEW_CONTACT,
                 object_type="referrals.referral", object_id=str(referral.pk), reason=reason,
                 detail={"fields": ["phone", "email", "safe_phone", "name"]})
    safe = referral.safe_recipient
    needs = referral.needs
    return ContactDetails(phone=referral.recipient.phone, email=referral.recipient.email,
                          safe_phone=safe.phone if safe is not None else "",
                          name=needs.victim_name if needs is not None else "",
                          called=needs.called_name if needs is not None else "")
