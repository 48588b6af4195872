"""Joining events and victims by crime reference, whichever arrives first.

An event with no victim case yet is held; when a leaflet is given with its reference
(``attach_issue``, from a post-save signal) the case is created and every held event of that
reference becomes an update due from the event's decision time.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from caseupdates import compliance_facts, queue
from caseupdates.deadlines import due_at, is_enhanced, referral_due_before
from caseupdates.models import CaseEvent, CaseUpdate, VictimCase
from leaflets.models import LeafletIssue


def updates_for(*, events: Iterable[CaseEvent], cases: Iterable[VictimCase]) -> list[CaseUpdate]:
    """Create the update each event owes each case (existing pairs are left alone)."""
    enhanced = {case.pk: is_enhanced(case) for case in cases}
    rows = [CaseUpdate(event=event, case=case, enhanced_rights=enhanced[case.pk],
                       due_at=due_at(decided_at=event.decided_at, enhanced=enhanced[case.pk]))
            for event in events for case in cases]
    CaseUpdate.objects.bulk_create(rows, ignore_conflicts=True)
    compliance_facts.forget(case_ids={row.case_id for row in rows})
    pairs = {(row.event_id, row.case_id) for row in rows}
    return [u for u in CaseUpdate.objects.filter(event__in={r.event_id for r in rows},
                                                 case__in={r.case_id for r in rows})
            if (u.event_id, u.case_id) in pairs]


def attach_issue(issue: LeafletIssue) -> VictimCase | None:
    """The victim case of a leaflet issue with a crime reference; held events matched now."""
    if not issue.crime_reference or issue.organisation_id is None:
        return None
    with transaction.atomic():
        case, created = VictimCase.objects.get_or_create(
            leaflet_issue=issue,
            defaults={"organisation_id": issue.organisation_id,
                      "crime_reference": issue.crime_reference, "unit_id": issue.unit_id,
                      "officer_id": issue.issued_by_id, "created_at": issue.created_at,
                      "referral_due_before": referral_due_before(issue.created_at)})
        if not created:
            return case
        events = list(CaseEvent.objects.filter(organisation_id=issue.organisation_id,
                                               crime_reference=issue.crime_reference))
        if events:
            made = updates_for(events=events, cases=[case])
            CaseEvent.objects.filter(pk__in=[e.pk for e in events], matched_at=None).update(
                matched_at=timezone.now())
            queue.deliver_after_commit([u.pk for u in made])
    return case
