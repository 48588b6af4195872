"""Recording a decision in the investigation: the API and the portal both call ``record_event``.

The event is stored, matched to every victim case with its crime reference (or held), and each
victim's update is queued once the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from caseupdates import queue
from caseupdates.kinds import EventKind
from caseupdates.matching import updates_for
from caseupdates.models import CaseEvent, CaseUpdate, VictimCase
from crimes.references import MAX_LENGTH, is_valid, matches_force, normalise
from organisations.models import Organisation

MAX_NOTE = 1000
MAX_PLACE = 200
# A decision "in the future" beyond clock skew is a mistake in the calling system.
FUTURE_SLACK = timedelta(minutes=10)


class EventSource(StrEnum):
    API = "api"
    PORTAL = "portal"


class EventRejected(ValueError):
    """Nothing was stored; ``errors`` maps field name to message (never the values)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("case event rejected: " + ", ".join(sorted(errors)))
        self.errors = errors


@dataclass(frozen=True)
class Recorded:
    event: CaseEvent
    updates: list[CaseUpdate]


def _check(*, organisation: Organisation, crime_reference: str, kind: str,
           decided_at: datetime, court_at: datetime | None, court_place: str,
           officer_note: str) -> tuple[str, EventKind]:
    errors: dict[str, str] = {}
    reference = normalise(crime_reference)
    if not reference or len(reference) > MAX_LENGTH or not is_valid(reference):
        errors["crime_reference"] = "Use letters, digits and / - _ . only, at most 64 characters."
    elif not matches_force(reference, organisation.crime_reference_pattern):
        errors["crime_reference"] = "Not in this force's crime reference format."
    try:
        event_kind = EventKind(kind)
    except ValueError:
        errors["kind"] = "Not a kind of decision: " + ", ".join(k.value for k in EventKind) + "."
        event_kind = EventKind.ARRESTED
    if decided_at.tzinfo is None:
        errors["decided_at"] = "Give a time with its UTC offset."
    elif decided_at > timezone.now() + FUTURE_SLACK:
        errors["decided_at"] = "A decision cannot be in the future."
    if court_at is not None and court_at.tzinfo is None:
        errors["court_at"] = "Give a time with its UTC offset."
    if event_kind is EventKind.COURT_DATE_SET and court_at is None:
        errors["court_at"] = "A court date needs the date and time of the hearing."
    if len(court_place) > MAX_PLACE:
        errors["court_place"] = f"At most {MAX_PLACE} characters."
    if len(officer_note) > MAX_NOTE:
        errors["officer_note"] = f"At most {MAX_NOTE} characters."
    if errors:
        raise EventRejected(errors)
    return reference, event_kind


def record_event(*, organisation: Organisation, crime_reference: str, kind: str,
                 decided_at: datetime, source: EventSource, court_at: datetime | None = None,
                 court_place: str = "", officer_note: str = "",
                 recorded_by: User | None = None) -> Recorded:
    """Store one decision (EventRejected for bad input) and the updates it owes its victims."""
    reference, event_kind = _check(
        organisation=organisation, crime_reference=crime_reference, kind=kind,
        decided_at=decided_at, court_at=court_at, court_place=court_place,
        officer_note=officer_note)
    with transaction.atomic():
        cases = list(VictimCase.objects.filter(organisation=organisation,
                                               crime_reference=reference))
        event = CaseEvent.objects.create(
            organisation=organisation, crime_reference=reference, kind=event_kind.value,
            decided_at=decided_at, court_at=court_at, court_place=court_place.strip(),
            officer_note=officer_note.strip(), source=source.value, recorded_by=recorded_by,
            matched_at=timezone.now() if cases else None)
        updates = updates_for(events=[event], cases=cases) if cases else []
        queue.deliver_after_commit([update.pk for update in updates])
    return Recorded(event=event, updates=updates)
