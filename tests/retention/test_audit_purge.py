"""The audit log's retention through the daily purge: a prefix goes, a checkpoint event names
the last hash removed, and the chain verifies — run after run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from audit.retention import purge_audit_events
from audit.services import record_event, verify_chain
from retention.periods import DataKind
from retention.registry import purger_for
from retention.services import Trigger, purge_due

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _events(n: int, *, days_ago: int) -> list[AuditEvent]:
    return [record_event(actor=None, role="system", action="export", object_type="csv",
                         object_id=i, at=NOW - timedelta(days=days_ago)) for i in range(n)]


def test_the_audit_log_has_its_purger() -> None:
    assert purger_for(DataKind.AUDIT) is purge_audit_events


def test_successive_purges_keep_the_chain_verifiable() -> None:
    first = _events(3, days_ago=3000)
    report = purge_due(trigger=Trigger.DAILY, now=NOW - timedelta(days=2500))
    assert report.records(DataKind.AUDIT) == 0  # at that time none was 2190 days old yet
    _events(2, days_ago=2400)
    kept = _events(2, days_ago=10)

    report = purge_due(trigger=Trigger.DAILY, now=NOW)
    assert report.records(DataKind.AUDIT) == 5
    checkpoint = AuditEvent.objects.get(action="retention-purge")
    assert checkpoint.detail["deleted"] == 5
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [
        *(event.pk for event in kept), checkpoint.pk]
    assert verify_chain().ok

    # Later still, the kept events and the first checkpoint age out in their turn.
    later = NOW + timedelta(days=2200)
    assert purge_due(trigger=Trigger.DAILY, now=later).records(DataKind.AUDIT) == 3
    remaining = list(AuditEvent.objects.values_list("action", flat=True))
    assert remaining == ["retention-purge"]
    report_ = verify_chain()
    assert report_.ok
    assert report_.checked == 1
    assert first[0].pk not in AuditEvent.objects.values_list("pk", flat=True)
