"""The compliance figures on a mixed force: on time, late, a task to call, no update due yet, an
enhanced-rights victim, referrals in and out of time, a failed acknowledgement, two units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from caseupdates.compliance import Group, Measure, Scope, drill_down, quarterly, table
from caseupdates.deadlines import referral_due_before
from caseupdates.events import EventSource, record_event
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus as S
from caseupdates.workdays import uk_date
from crimes.models import CrimeReport
from crimes.sources import LoadSource
from leaflets.models import LeafletIssue
from messaging.models import Message, Recipient
from organisations.models import Organisation, OrganisationKind, Unit
from referrals.consent import CURRENT_VERSION
from referrals.models import NeedsAssessment, Referral
from referrals.services import create_referral, record_consent
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource, Via
from tests.caseupdates.support import give_leaflet
from tests.factories import make_force

pytestmark = pytest.mark.django_db
START = datetime(2026, 1, 1, tzinfo=UTC)
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
    # Times where the UK day or month is not the UTC one (British Summer Time).
    moved = datetime(2026, 8, 14, 23, 30, tzinfo=UTC)  # the 15th in London
    VictimCase.objects.filter(leaflet_issue=august).update(
        created_at=moved, referral_due_before=referral_due_before(moved))
    july = give_leaflet(force, reference="42/7/26", phone="+447700900107")
    first = datetime(2026, 7, 31, 23, 10, tzinfo=UTC)  # 1 August in London
    VictimCase.objects.filter(leaflet_issue=july).update(
        created_at=first, referral_due_before=referral_due_before(first))
    CrimeReport.objects.create(organisation=force, crime_reference="42/6/26",
                               reported_at=moved - timedelta(hours=1), source=LoadSource.API)
    CrimeReport.objects.create(organisation=force, crime_reference="42/7/26",
                               reported_at=first + timedelta(minutes=20), source=LoadSource.API)
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


def _figures(group: Group) -> dict[str, tuple[int, int]]:
    """Measure -> (met, applies)."""
    return {m.name: (group.met[m], group.applies[m]) for m in Measure}


def test_the_figures_of_a_mixed_force(mixed: Organisation) -> None:
    now = timezone.now()
    this_month = uk_date(now).strftime("%Y-%m")
    scope = Scope(organisation=mixed, units=(), start=START, end=now + timedelta(days=1),
                  now=now)
    groups = {group.key: (group.cases, _figures(group)) for group in table(scope, by=GROUPING)}
    assert groups == {
        # The two summer cases, opened in August UK time (one on 31 July UTC): one report the
        # day before in London (the same day in UTC), one referral on the 3rd working day.
        ("(no unit)", "(API)", "2026-08"): (2, {
            "ACKNOWLEDGED": (2, 2), "LEAFLET_SAME_DAY": (1, 2), "NEEDS_ASSESSED": (1, 2),
            "REFERRAL_OFFERED": (1, 2), "REFERRAL_IN_TIME": (0, 1), "UPDATES_ON_TIME": (1, 1),
            "VPS_OFFERED": (1, 2)}),
        # On time (texted, then by phone), late (and its text failed), enhanced and late.
        ("(no unit)", "(API)", this_month): (3, {
            "ACKNOWLEDGED": (2, 3), "LEAFLET_SAME_DAY": (1, 2), "NEEDS_ASSESSED": (2, 3),
            "REFERRAL_OFFERED": (3, 3), "REFERRAL_IN_TIME": (1, 2), "UPDATES_ON_TIME": (1, 3),
            "VPS_OFFERED": (2, 3)}),
        # A task to call past its deadline, and an update not due yet (does not apply).
        ("North", "pc-1", this_month): (2, {
            "ACKNOWLEDGED": (2, 2), "LEAFLET_SAME_DAY": (1, 1), "NEEDS_ASSESSED": (2, 2),
            "REFERRAL_OFFERED": (0, 2), "REFERRAL_IN_TIME": (0, 0), "UPDATES_ON_TIME": (0, 1),
            "VPS_OFFERED": (0, 2)}),
    }
    moj = quarterly(scope)
    assert moj[:4] == [
        ("2026 Q3", "Victims given a written acknowledgement", 2, 2),
        ("2026 Q3", "Victims offered a referral to support services", 2, 1),
        ("2026 Q3", "Victims updated within the Code's timeframes", 1, 1),
        ("2026 Q3", "Victims offered the opportunity to make a VPS", 2, 1)]
    assert [(applies, met) for _q, _label, applies, met in moj[4:]] == [
        (5, 4), (5, 3), (4, 1), (5, 2)]


@pytest.mark.parametrize(("measure", "met", "filters", "expected"), [
    (Measure.UPDATES_ON_TIME, False, {}, ["42/2/26", "42/3/26", "42/5/26"]),
    (Measure.UPDATES_ON_TIME, True, {"unit": "(no unit)"}, ["42/1/26", "42/6/26"]),
    (Measure.LEAFLET_SAME_DAY, False, {"month": "2026-08"}, ["42/6/26"]),
    (Measure.LEAFLET_SAME_DAY, True, {"month": "2026-08"}, ["42/7/26"]),
    (Measure.REFERRAL_IN_TIME, False, {}, ["42/2/26", "42/6/26"]),
    (Measure.REFERRAL_OFFERED, False, {"officer": "pc-1", "unit": "North"},
     ["42/3/26", "42/4/26"]),
    (Measure.ACKNOWLEDGED, False, {"unit": "North"}, []),
    (Measure.VPS_OFFERED, False, {"month": "not-a-month"}, []),
])
def test_the_cases_behind_a_figure(mixed: Organisation, measure: Measure, met: bool,
                                   filters: dict[str, str], expected: list[str]) -> None:
    now = timezone.now()
    scope = Scope(organisation=mixed, units=(), start=START, end=now + timedelta(days=1),
                  now=now)
    found = drill_down(scope, measure=measure, met=met, filters=filters)
    assert sorted(case.crime_reference for case in found) == expected
