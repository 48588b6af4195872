"""The referral generator writes rows the ORM reads back whole and consistent, in both modes
(SQLite by executemany, PostgreSQL by COPY), and the inbox finds them only for their service."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks import referral_data
from organisations.models import OrganisationKind
from portal import inbox
from referrals.models import ConsentRecord, Referral, ReferralEvent
from referrals.statuses import ConsentDecision, EventKind, ReferralStatus

pytestmark = pytest.mark.django_db


def test_generated_referrals_are_whole_and_consistent() -> None:
    world = referral_data.fill_referrals(count=400)
    referrals = list(Referral.objects.select_related("consent", "target"))
    assert len(referrals) == 400
    assert len({r.reference for r in referrals}) == 400
    assert {r.target.kind for r in referrals} == {OrganisationKind.SUPPORT_SERVICE}
    for referral in referrals:
        assert referral.consent.decision == ConsentDecision.GIVEN
        assert referral.consent.recipient_id == referral.recipient_id
        assert referral.updated_at >= referral.created_at
        assert set(referral.data_quality_flags) <= set(inbox.FLAG_WORDS)
    statuses = Counter(r.status for r in referrals)
    assert statuses[ReferralStatus.CLOSED] > statuses[ReferralStatus.NEW]  # a year, mostly done
    by_service = Counter(r.target_id for r in referrals)
    assert by_service[world.services[0].pk] > by_service[world.services[-1].pk]
    created = ReferralEvent.objects.filter(kind=EventKind.STATUS, reason="created")
    assert created.count() == 400
    withdrawn = ConsentRecord.objects.filter(decision=ConsentDecision.WITHDRAWN)
    assert withdrawn.exists()
    # Fewer referrals than victims: each has its own, and a withdrawal closed it.
    assert {r.status for r in referrals if r.recipient_id in
            set(withdrawn.values_list("recipient_id", flat=True))} == {ReferralStatus.CLOSED}


def test_each_caseworker_sees_only_their_services_referrals() -> None:
    world = referral_data.fill_referrals(count=300)
    for service, caseworker in zip(world.services, world.caseworkers, strict=True):
        listed = list(inbox.inbox(membership=caseworker, status="all"))
        assert listed == list(Referral.objects.filter(target=service)
                              .order_by("-created_at", "-id"))
        counts = inbox.status_counts(membership=caseworker)
        assert sum(counts.values()) == Referral.objects.filter(target=service).exclude(
            status=ReferralStatus.CLOSED).count()
