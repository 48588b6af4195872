"""The compliance figures on a mixed force: on time, late, a task to call, no update due yet, an
enhanced-rights victim, referrals in and out of time, a failed acknowledgement, two units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from caseupdates import compliance_rows as rows
from caseupdates.compliance import Measure, Scope, drill_down, quarterly, table
from caseupdates.deadlines import referral_due_before
from caseupdates.events import EventSource, record_event
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus as S
from crimes.models import CrimeReport
from crimes.sources import LoadSource
from leaflets.models import LeafletIssue
from messaging.models import Message, Recipient
from organisations.models import Organisation, OrganisationKind, Unit
from referrals.consent import CURRENT_VERSION
from referrals.models import NeedsAssessment, Referral
from referrals.services import create_referral, record_consent
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource, Via
from tests.caseupdates.support import give_leaflet, make_force

pytestmark = pytest.mark.django_db
START, END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
GROUPING = ("unit", "officer", "month")


def _needs(issue: LeafletIssue, answers: dict[str, Any],
           reasons: Sequence[str] = ()) -> NeedsAssessment:
    return NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                          via=Via.OFFICER, answers=answers,
                                          enhanced_rights_reasons=list(reasons))


def _refer(force_service: Organisation, reference: str, at: datetime, phone: str) -> None:
    victim = Recipient.objects.create(phone=phone, language="pl")
    record_consent(recipient=victim, decision=ConsentDecision.GIVEN,
                   wording_version=CURRENT_VERSION, language="pl", channel=ConsentChannel.SMS)
    referral = create_referral(recipient=victim, target=force_service,
                               source=ReferralSource.POLICE, language="pl",
                               crime_reference=reference)
    Referral.objects.filter(pk=referral.pk).update(created_at=at)


def _event(force: Organisation, reference: str, days_ago: int, status: S,
           given_after: timedelta | None = None) -> None:
    decided = timezone.now() - timedelta(days=days_ago)
    record_event(organisation=force, crime_reference=reference, kind="charged",
                 decided_at=decided, source=EventSource.API)
    update = CaseUpdate.objects.get(case__crime_reference=reference, event__decided_at=decided)
    CaseUpdate.objects.filter(pk=update.pk).update(
        status=status.value,
        given_at=None if given_after is None else decided + given_after)


def _report(force: Organisation, issue: LeafletIssue, days_before: int) -> None:
    CrimeReport.objects.create(organisation=force, crime_reference=issue.crime_reference,
                               reported_at=issue.created_at - timedelta(days=days_before),
                               source=LoadSource.API)


@pytest.fixture
def mixed(update_queue: object) -> Organisation:
    force = make_force()
    service = Organisation.objects.create(slug="care", name="Care",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    north = Unit.objects.create(organisation=force, name="North")
    officer = User.objects.create(username="pc-1")
    on_time = give_leaflet(force, reference="42/1/26", phone="+447700900101")
    late = give_leaflet(force, reference="42/2/26", phone="+447700900102")
    task = give_leaflet(force, reference="42/3/26", phone="+447700900103")
    waiting = give_leaflet(force, reference="42/4/26", phone="+447700900104")
    enhanced = give_leaflet(force, reference="42/5/26", phone="+447700900105")
    august = give_leaflet(force, reference="42/6/26", phone="+447700900106")
    VictimCase.objects.filter(leaflet_issue__in=[task, waiting]).update(unit=north,
                                                                        officer=officer)
    moved = datetime(2026, 8, 14, 22, 30, tzinfo=UTC)  # the 14th in UTC, the 14th in London too
    VictimCase.objects.filter(leaflet_issue=august).update(
        created_at=moved, referral_due_before=referral_due_before(moved))
    _report(force, on_time, 0)
    _report(force, late, 3)
    _report(force, task, 0)
    _needs(on_time, {"vps_offered": "yes", "support_wanted": "practical"})
    _needs(task, {"vps_offered": "no", "support_wanted": "skipped"})
    _needs(waiting, {})
    _needs(enhanced, {"support_wanted": None, "vps_offered": "yes"}, reasons=["vulnerable"])
    _needs(august, {"support_wanted": "skipped"})
    _needs(august, {"support_wanted": "emotional", "vps_offered": "yes"})  # the latest counts
    _event(force, "42/1/26", 20, S.TEXTED, timedelta(hours=2))
    _event(force, "42/1/26", 15, S.GIVEN_BY_PHONE, timedelta(days=1))
    _event(force, "42/2/26", 20, S.TEXTED, timedelta(days=12))
    _event(force, "42/3/26", 20, S.CALL_NEEDED)
    _event(force, "42/4/26", 0, S.PENDING)
    _event(force, "42/5/26", 20, S.TEXTED, timedelta(days=4))  # late for 1 working day
    _event(force, "42/6/26", 20, S.NOT_WANTED, timedelta(hours=1))
    assert CaseUpdate.objects.filter(case__leaflet_issue=enhanced, enhanced_rights=True).exists()
    _refer(service, "42/1/26", on_time.created_at + timedelta(hours=5), "+447700900201")
    _refer(service, "42/2/26", late.created_at + timedelta(days=9), "+447700900202")
    _refer(service, "42/6/26", moved + timedelta(days=4), "+447700900203")  # Tue after Fri
    Message.objects.filter(about_id=str(late.pk)).update(status="permanent-failure")
    return force


def _old_groups(facts: list[rows.CaseFacts]) -> list[tuple[Any, ...]]:
    return [(g.key, g.cases, {m.value: n for m, n in g.met.items()},
             {m.value: n for m, n in g.applies.items()})
            for g in rows.grouped(facts, by=GROUPING)]


def _new_groups(scope: Scope) -> list[tuple[Any, ...]]:
    return [(g.key, g.cases, {m.value: n for m, n in g.met.items()},
             {m.value: n for m, n in g.applies.items()}) for g in table(scope, by=GROUPING)]


def test_the_database_counts_the_same_figures_as_the_row_by_row_reading(
        mixed: Organisation) -> None:
    now = timezone.now()
    facts = rows.case_facts(organisation=mixed, units=(), start=START, end=END, now=now)
    scope = Scope(organisation=mixed, units=(), start=START, end=END, now=now)
    assert _new_groups(scope) == _old_groups(facts)
    assert quarterly(scope) == rows.quarterly(facts)
    for measure in Measure:
        for met in (True, False):
            for filters in ({}, {"unit": "North"}, {"unit": "(no unit)", "month": "2026-08"}):
                old = rows.drill_down(facts, measure=rows.Measure(measure.value), met=met,
                                      filters=filters)
                new = drill_down(scope, measure=measure, met=met, filters=filters)
                assert sorted(c.crime_reference for c in new) == sorted(
                    c.crime_reference for c in old), (measure, met, filters)

