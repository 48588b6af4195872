"""The compliance figures from stored per-case facts equal the live computation, on random
forces (hypothesis); facts are forgotten when an update changes and rebuilt by the sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseupdates import compliance_facts
from caseupdates.compliance import Scope, quarterly, table
from caseupdates.deadlines import referral_due_before
from caseupdates.models import CaseEvent, CaseFacts, CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus as S
from crimes.models import CrimeReport
from leaflets.models import LeafletIssue
from messaging.models import Message, Recipient
from organisations.models import Organisation, OrganisationKind, Unit
from referrals.consent import CURRENT_VERSION
from referrals.models import NeedsAssessment, Referral
from referrals.services import create_referral, record_consent
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource, Via

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
GROUPING = ("unit", "officer", "month")
HOURS = st.integers(min_value=-24 * 40, max_value=24 * 40)

updates = st.lists(st.tuples(st.sampled_from(list(S)), HOURS, st.one_of(st.none(), HOURS)),
                   max_size=3)
cases = st.fixed_dictionaries({
    "opened": st.integers(min_value=0, max_value=24 * 400),  # hours before NOW
    "unit": st.integers(min_value=0, max_value=2),  # 2: no unit
    "text": st.sampled_from(["delivered", "undelivered", None]),
    "report": st.one_of(st.none(), st.integers(min_value=0, max_value=80)),  # hours earlier
    "needs": st.one_of(st.none(), st.fixed_dictionaries({
        "vps_offered": st.sampled_from(["yes", "no"]),
        "support_wanted": st.sampled_from(["emotional", "none", "skipped", None])})),
    "referral": st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 6)),
    "updates": updates,
})


def _build(rows: list[dict[str, Any]]) -> Organisation:
    force = Organisation.objects.create(slug="facts", name="Facts", kind=OrganisationKind.FORCE)
    service = Organisation.objects.create(slug="care", name="Care",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    units = [Unit.objects.create(organisation=force, name=f"U{n}") for n in range(2)]
    officer = User.objects.create(username="o")
    victim = Recipient.objects.create(phone="+447700900001")
    for n, row in enumerate(rows):
        at = NOW - timedelta(hours=int(row["opened"]))
        reference = f"F/{n:05d}"
        issue = LeafletIssue.objects.create(
            token_hash=f"{n:064d}", language="pl", content_version="t", organisation=force,
            crime_reference=reference, channels=["sms"], created_at=at,
            expires_at=at + timedelta(days=90), issued_by=officer,
            unit=units[int(row["unit"])] if int(row["unit"]) < 2 else None)
        case = VictimCase.objects.get(leaflet_issue=issue)
        VictimCase.objects.filter(pk=case.pk).update(
            created_at=at, referral_due_before=referral_due_before(at))
        if row["text"]:
            Message.objects.create(channel="sms", recipient=victim, template="t", body_text="x",
                                   idempotency_key=f"t{n}", status=row["text"], origin="api",
                                   about_type="leaflet-issue", about_id=str(issue.pk))
        if row["report"] is not None:
            CrimeReport.objects.create(organisation=force, crime_reference=reference,
                                       source="api", reported_at=at - timedelta(
                                           hours=int(row["report"])))
        if row["needs"] is not None:
            NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                           via=Via.OFFICER, answers=row["needs"])
        if row["referral"] is not None:
            person = Recipient.objects.create(phone=f"+4477008{n:05d}")
            record_consent(recipient=person, decision=ConsentDecision.GIVEN,
                           wording_version=CURRENT_VERSION, language="pl",
                           channel=ConsentChannel.SMS)
            referral = create_referral(recipient=person, target=service,
                                       source=ReferralSource.POLICE, language="pl",
                                       crime_reference=reference)
            Referral.objects.filter(pk=referral.pk).update(
                created_at=at + timedelta(hours=int(row["referral"])))
        for k, (status, due, given_at) in enumerate(row["updates"]):
            event = CaseEvent.objects.create(organisation=force, crime_reference=reference,
                                             kind="charged", decided_at=at, source="api",
                                             matched_at=at)
            CaseUpdate.objects.filter(event=event).delete()  # matched by the signal: replaced
            CaseUpdate.objects.create(
                event=event, case=case, due_at=NOW + timedelta(hours=due, minutes=k),
                status=status.value,
                given_at=None if given_at is None else NOW + timedelta(hours=given_at))
    return force


def _figures(force: Organisation) -> tuple[object, ...]:
    scopes = [Scope(organisation=force, units=(), start=NOW - timedelta(days=400),
                    end=NOW + timedelta(days=1), now=NOW),
              Scope(organisation=force, units=list(Unit.objects.filter(name="U0")),
                    start=NOW - timedelta(days=91), end=NOW, now=NOW)]
    return tuple((table(scope, by=GROUPING), table(scope, by=("month",)), quarterly(scope))
                 for scope in scopes)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(cases, min_size=1, max_size=8), half=st.booleans())
def test_the_figures_from_facts_equal_the_live_ones(rows: list[dict[str, Any]], half: bool
                                                     ) -> None:
    with transaction.atomic():
        force = _build(rows)
        CaseFacts.objects.all().delete()
        live = _figures(force)
        built = VictimCase.objects.all()
        if half:  # some cases from facts, the others live, in the same groups
            built = built.filter(pk__in=list(built.values_list("pk", flat=True)[::2]))
        compliance_facts.refresh(cases=built)
        assert CaseFacts.objects.count() == built.count()
        assert _figures(force) == live
        transaction.set_rollback(True)


def _one_case_with_facts() -> tuple[Organisation, CaseUpdate]:
    force = _build([{"opened": 100, "unit": 0, "text": "delivered", "report": None,
                     "needs": None, "referral": None,
                     "updates": [(S.CALL_NEEDED, 48, None)]}])
    compliance_facts.refresh(cases=VictimCase.objects.all())
    return force, CaseUpdate.objects.get()


def test_a_change_to_an_update_forgets_the_case_facts_until_the_sweep() -> None:
    from caseupdates.followup import given_by_phone

    force, update = _one_case_with_facts()
    late = _figures(force)
    given_by_phone(update=update, officer=User.objects.get(), role="officer")
    assert not CaseFacts.objects.exists()  # counted live meanwhile
    assert _figures(force) != late
    now_live = _figures(force)
    assert compliance_facts.refresh_changed(now=timezone.now()) == 1
    assert _figures(force) == now_live


def test_the_sweep_rebuilds_the_facts_of_a_case_whose_needs_changed() -> None:
    force, _update = _one_case_with_facts()
    before = _figures(force)
    NeedsAssessment.objects.create(leaflet_issue=VictimCase.objects.get().leaflet_issue,
                                   question_set_version="t", via=Via.OFFICER,
                                   answers={"vps_offered": "yes"})
    assert compliance_facts.refresh_changed(now=timezone.now()) == 1
    after = _figures(force)
    assert after != before
    CaseFacts.objects.all().delete()
    assert _figures(force) == after
