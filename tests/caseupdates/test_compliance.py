"""Victims' Code compliance by unit, officer and month, its drill-down and the MoJ quarter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from caseupdates.compliance import Measure, Scope, drill_down, quarterly, table
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus
from crimes.models import CrimeReport
from crimes.sources import LoadSource
from referrals.models import NeedsAssessment
from referrals.statuses import Via
from tests.caseupdates.support import give_leaflet
from tests.factories import make_force

pytestmark = pytest.mark.django_db
START, END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)


def test_each_measure_is_counted_and_can_be_drilled_into(update_queue):
    force = make_force()
    good = give_leaflet(force, reference="42/1/26")
    poor = give_leaflet(force, reference="42/2/26")
    CrimeReport.objects.create(organisation=force, crime_reference="42/1/26",
                               reported_at=good.created_at, source=LoadSource.API)
    CrimeReport.objects.create(organisation=force, crime_reference="42/2/26",
                               reported_at=poor.created_at - timedelta(days=3),
                               source=LoadSource.API)
    NeedsAssessment.objects.create(leaflet_issue=good, question_set_version="t", via=Via.OFFICER,
                                   answers={"vps_offered": "yes", "support_wanted": "practical"})
    from caseupdates.events import EventSource, record_event

    record_event(organisation=force, crime_reference="42/1/26", kind="charged",
                 decided_at=timezone.now() - timedelta(days=20), source=EventSource.API)
    record_event(organisation=force, crime_reference="42/2/26", kind="charged",
                 decided_at=timezone.now() - timedelta(days=20), source=EventSource.API)
    on_time = CaseUpdate.objects.get(case__leaflet_issue=good)
    CaseUpdate.objects.filter(pk=on_time.pk).update(status=UpdateStatus.TEXTED.value,
                                                    given_at=on_time.due_at)
    scope = Scope(organisation=force, units=(), start=START, end=END, now=timezone.now())
    [group] = table(scope, by=("unit", "officer", "month"))
    assert group.cases == 2
    assert group.met == {
        Measure.ACKNOWLEDGED: 2, Measure.LEAFLET_SAME_DAY: 1, Measure.NEEDS_ASSESSED: 1,
        Measure.REFERRAL_OFFERED: 1, Measure.REFERRAL_IN_TIME: 0, Measure.UPDATES_ON_TIME: 1,
        Measure.VPS_OFFERED: 1}
    assert group.applies == {
        Measure.ACKNOWLEDGED: 2, Measure.LEAFLET_SAME_DAY: 2, Measure.NEEDS_ASSESSED: 2,
        Measure.REFERRAL_OFFERED: 2, Measure.REFERRAL_IN_TIME: 0, Measure.UPDATES_ON_TIME: 2,
        Measure.VPS_OFFERED: 2}
    late = drill_down(scope, measure=Measure.UPDATES_ON_TIME, met=False,
                      filters={"unit": group.key[0]})
    assert [case.crime_reference for case in late] == ["42/2/26"]
    moj = quarterly(scope)
    assert ("2026 Q4", "Victims offered the opportunity to make a VPS", 2, 1) in moj


def test_another_forces_cases_are_not_counted(update_queue):
    force, other = make_force(), make_force("other")
    give_leaflet(other, reference="42/1/26")
    scope = Scope(organisation=force, units=(), start=START, end=END, now=timezone.now())
    assert table(scope, by=("unit",)) == []
    assert VictimCase.objects.count() == 1
