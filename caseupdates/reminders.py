"""The officers' daily reminder: how many updates of their cases are overdue or due today, by
email through the gateway (counts and a link only: nothing about a victim or a case)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Q

from caseupdates.models import CaseUpdate
from caseupdates.statuses import OPEN
from caseupdates.workdays import UK
from messaging.contacts import ContactError
from messaging.outbound import Content, request_send
from messaging.statuses import Channel, Origin

ABOUT_TYPE = "case-update-reminder"
TEMPLATE = "case-update-reminder"


def _text(overdue: int, today: int) -> str:
    link = f"{settings.PUBLIC_BASE_URL.rstrip('/')}/portal/updates/"
    return (f"Victims' Code updates: {overdue} overdue, {today} due by the end of today.\n\n"
            f"Give them by text or phone and record them: {link}\n")


def send_reminders(*, now: datetime) -> int:
    """One email per officer with updates overdue or due today (once a day); how many sent."""
    day = now.astimezone(UK).date()
    start = datetime.combine(day, time(0), tzinfo=UK)
    end = start + timedelta(days=1)
    counts = (CaseUpdate.objects
              .filter(status__in=[s.value for s in OPEN], due_at__lt=end,
                      case__officer__isnull=False)
              .values("case__officer_id")
              .annotate(overdue=Count("pk", filter=Q(due_at__lt=start)),
                        today=Count("pk", filter=Q(due_at__gte=start))))
    by_officer = {row["case__officer_id"]: (row["overdue"], row["today"]) for row in counts}
    officers = User.objects.filter(pk__in=by_officer, is_active=True).exclude(email="")
    sent = 0
    for officer in officers:
        overdue, today = by_officer[officer.pk]
        try:
            request_send(channel=Channel.EMAIL, to=officer.email, content=Content(
                template=TEMPLATE, language="en", subject="Victims' Code updates due",
                text=_text(overdue, today)),
                idempotency_key=f"{ABOUT_TYPE}:{officer.pk}:{day.isoformat()}",
                origin=Origin.SYSTEM, about=(ABOUT_TYPE, str(officer.pk)))
        except ContactError:
            continue  # a bad staff address: the portal page still lists the updates
        sent += 1
    return sent
