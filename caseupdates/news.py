"""What the assistant may tell a victim who asks "any news on my case?": the latest update they
were given (texted, or by an officer's call), again, in their language, with the force's
support line. Nothing (the assistant's general answer) when no case is linked to the
conversation's recipient, or when any linked case's number is not safe: flagged as shared with
the suspect, or not safe to text in the needs assessment's safe-contact answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from caseupdates.delivery import ABOUT_TYPE as UPDATE_ABOUT
from caseupdates.delivery import latest_needs
from caseupdates.kinds import EventKind
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus
from caseupdates.texts import render_news
from leaflets.contacts import contact_values
from leaflets.delivery import ABOUT_TYPE as ISSUE_ABOUT
from messaging.models import Message, Recipient
from referrals.models import NeedsAssessment
from referrals.needs import NO

# Told to the victim: a text handed to the gateway, or an officer's call.
TOLD = (UpdateStatus.TEXTED.value, UpdateStatus.GIVEN_BY_PHONE.value)


@dataclass(frozen=True)
class CaseNews:
    kind: EventKind
    text: str  # in the victim's language (English where the catalog has no translation)
    unreviewed: bool  # the catalog is a machine draft nobody has checked yet


def _ids(values: QuerySet[Message, str]) -> set[int]:
    return {int(value) for value in values if value.isdigit()}


def cases_of(recipient: Recipient) -> QuerySet[VictimCase]:
    """The cases whose leaflet or updates went to the recipient, or that name it as safe."""
    sent = Message.objects.filter(recipient=recipient)
    issues = _ids(sent.filter(about_type=ISSUE_ABOUT).values_list("about_id", flat=True))
    updates = _ids(sent.filter(about_type=UPDATE_ABOUT).values_list("about_id", flat=True))
    safe_for = NeedsAssessment.objects.filter(safe_recipient=recipient)
    return VictimCase.objects.filter(
        Q(leaflet_issue_id__in=issues)
        | Q(pk__in=CaseUpdate.objects.filter(pk__in=updates).values("case_id"))
        | Q(leaflet_issue_id__in=safe_for.values("leaflet_issue_id")))


def _not_safe(cases: QuerySet[VictimCase]) -> bool:
    if cases.filter(shared_with_suspect=True).exists():
        return True
    for case in cases.only("leaflet_issue_id"):
        needs = latest_needs(case.leaflet_issue_id)
        if needs is not None and needs.answers.get("safe_to_text") == NO:
            return True
    return False


def latest_news(*, recipient: Recipient, language: str) -> CaseNews | None:
    if recipient.erased_at is not None:
        return None
    cases = cases_of(recipient)
    if _not_safe(cases):
        return None
    update = (CaseUpdate.objects.filter(case__in=cases, status__in=TOLD)
              .select_related("event", "case__leaflet_issue__organisation")
              .order_by("-event__decided_at", "-pk").first())
    if update is None:
        return None
    event, kind = update.event, EventKind(update.event.kind)
    contacts = contact_values(update.case.leaflet_issue.organisation)
    text = render_news(language=language, kind=kind, decided_at=event.decided_at,
                       force_name=contacts.force_name, crime_reference=event.crime_reference,
                       support_name=contacts.support_name, support_phone=contacts.support_phone,
                       court_at=event.court_at)
    return CaseNews(kind=kind, text=text.text, unreviewed=text.unreviewed)
