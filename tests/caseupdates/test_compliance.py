"""Victims' Code compliance by unit, officer and month, its drill-down and the MoJ quarter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from caseupdates.compliance import Measure, case_facts, drill_down, grouped, quarterly
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
    facts = case_facts(organisation=force, units=(), start=START, end=END, now=timezone.now())
    by_ref = {fact.crime_reference: fact.met for fact in facts}
    assert by_ref["42/1/26"] == {
        Measure.ACKNOWLEDGED: True, Measure.LEAFLET_SAME_DAY: True,
        Measure.NEEDS_ASSESSED: True, Measure.REFERRAL_OFFERED: True,
        Measure.REFERRAL_IN_TIME: None, Measure.UPDATES_ON_TIME: True,
        Measure.VPS_OFFERED: True}
    assert by_ref["42/2/26"] == {
        Measure.ACKNOWLEDGED: True, Measure.LEAFLET_SAME_DAY: False,
        Measure.NEEDS_ASSESSED: False, Measure.REFERRAL_OFFERED: False,
        Measure.REFERRAL_IN_TIME: None, Measure.UPDATES_ON_TIME: False,
        Measure.VPS_OFFERED: False}
    [group] = grouped(facts, by=("unit", "officer", "month"))
    assert group.cases == 2
    assert group.met[Measure.NEEDS_ASSESSED] == 1
    assert group.applies[Measure.UPDATES_ON_TIME] == 2
    late = drill_down(facts, measure=Measure.UPDATES_ON_TIME, met=False,
                      filters={"unit": group.key[0]})
    assert [fact.crime_reference for fact in late] == ["42/2/26"]
    moj = quarterly(facts)
    assert ("2026 Q4", "Victims offered the opportunity to make a VPS", 2, 1) in moj


def test_another_forces_cases_are_not_counted(update_queue):
    force, other = make_force(), make_force("other")
    give_leaflet(other, reference="42/1/26")
    assert case_facts(organisation=force, units=(), start=START, end=END,
                      now=timezone.now()) == []
    assert VictimCase.objects.count() == 1
