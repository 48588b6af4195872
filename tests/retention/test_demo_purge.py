"""A retention run on the demo data (``seed_demo``) with periods set so that some records of
every kind are due: exactly those are erased or deleted, the rest are untouched, every dashboard
table and the headline stay the same, the audit chain still verifies, and a dry run before it
counts the same and changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db.models import Min
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record_event, verify_chain
from demo.seed import seed_demo
from leaflets.models import LeafletIssue, LinkOpen
from messaging.models import InboundMessage, Message, Recipient
from organisations.models import Organisation, OrganisationKind, Unit
from portal import dashboard
from portal.views.supervisor import TABLES
from referrals.models import ConsentRecord, NeedsAssessment, Referral, ReferralEvent
from retention.periods import DataKind
from retention.services import PurgeReport, Trigger, purge_due
from retention.tallies import tallied
from retention.trackers import conversation_events
from tests.retention.trackerstore import (
    rasa_store,
    save_conversation,
    stored_senders,
    tracker_store,
    use_store,
)

pytestmark = pytest.mark.django_db
DAYS = 10  # every period in this test: the demo's three weeks straddle it
NOW = timezone.now()
CUTOFF = NOW - timedelta(days=DAYS)
OLD = NOW - timedelta(days=30)


def _old_audit_events() -> None:
    """Three events older than the period, before the demo's own (a prefix of the chain)."""
    for n in range(3):
        record_event(actor=None, role="system", action="test-old", object_type="test",
                     object_id=n, at=OLD + timedelta(minutes=n))


def _backdate_demo() -> dict[str, Any]:
    """Give the demo's records the ages real use would have given them; return what is due."""
    issue_dates = dict(LeafletIssue.objects.values_list("pk", "created_at"))
    for message in Message.objects.all():
        Message.objects.filter(pk=message.pk).update(
            created_at=issue_dates[int(message.about_id)])
    for recipient in Recipient.objects.filter(messages__isnull=False).distinct():
        first = recipient.messages.aggregate(at=Min("created_at"))["at"]
        Recipient.objects.filter(pk=recipient.pk).update(created_at=first)
    old_referrals = list(Referral.objects.order_by("reference")[:5])
    for referral in old_referrals:
        Referral.objects.filter(pk=referral.pk).update(created_at=OLD, updated_at=OLD)
        assert referral.needs_id is not None
        NeedsAssessment.objects.filter(pk=referral.needs_id).update(created_at=OLD,
                                                                    updated_at=OLD)
    opened = LeafletIssue.objects.exclude(first_opened_at=None)
    for n, issue in enumerate(opened):
        LinkOpen.objects.create(issue=issue, view_id=f"demo-{n}", language=issue.language,
                                opened_at=issue.first_opened_at or NOW)
    talkers = list(Recipient.objects.filter(referrals__isnull=False).distinct()[:3])
    for n, (recipient, at) in enumerate(zip(talkers, [OLD, OLD, NOW], strict=True)):
        inbound = InboundMessage.objects.create(channel="sms", provider_id=f"SM-demo-{n}",
                                                recipient=recipient, body="help me please",
                                                status="relayed")
        InboundMessage.objects.filter(pk=inbound.pk).update(received_at=at)
    Session.objects.create(session_key="expired-chat", session_data="x",
                           expire_date=NOW - timedelta(hours=1))
    Session.objects.create(session_key="live-chat", session_data="x",
                           expire_date=NOW + timedelta(hours=1))

    messages = list(Message.objects.values("pk", "created_at", "recipient_id"))
    last_message: dict[int, datetime] = {}
    for row in messages:
        last_message[row["recipient_id"]] = max(row["created_at"],
                                                last_message.get(row["recipient_id"], OLD))
    return {
        "bodies": {row["pk"] for row in messages if row["created_at"] < CUTOFF},
        "contacts": {pk for pk, at in last_message.items() if at < CUTOFF},
        "issues": {pk for pk, at in issue_dates.items() if at < CUTOFF},
        "opens": LinkOpen.objects.filter(opened_at__lt=CUTOFF).count(),
        "referrals": {referral.pk for referral in old_referrals},
        "needs": {referral.needs_id for referral in old_referrals},
        "inbound": {"SM-demo-0", "SM-demo-1"},
    }


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGNPOST_RETENTION_DAYS = {kind.value: DAYS for kind in DataKind}
    _old_audit_events()
    seed_demo()
    due = _backdate_demo()
    with tracker_store("sqlite", tmp_path) as store:
        use_store(settings, store)
        rasa = rasa_store(store)
        save_conversation(rasa, sender_id="old-1", sessions=[[OLD - timedelta(days=3), OLD]])
        save_conversation(rasa, sender_id="old-2", sessions=[[OLD]])
        save_conversation(rasa, sender_id="active", sessions=[[OLD], [NOW - timedelta(hours=2)]])
        save_conversation(rasa, sender_id="recent", sessions=[[NOW - timedelta(hours=1)]])
        due["rasa"] = rasa
        yield due
        rasa.engine.dispose()


def dashboard_figures() -> dict[str, Any]:
    """Every dashboard table and the headline, for the whole demo force over six weeks."""
    force = Organisation.objects.get(kind=OrganisationKind.FORCE)
    today = timezone.localdate()
    scope = dashboard.Scope(organisation=force, units=tuple(Unit.objects.filter(
        organisation=force)), start=today - timedelta(days=42), end=today)
    figures: dict[str, Any] = {key: build(scope) for key, build in TABLES.items()}
    figures["headline"] = dashboard.headline(scope)
    figures["opens"] = LinkOpen.objects.count() + tallied(kind=DataKind.LINK_OPENS)
    figures["rows"] = (Message.objects.count(), Recipient.objects.count(),
                       InboundMessage.objects.count(), Referral.objects.count(),
                       NeedsAssessment.objects.count(), ConsentRecord.objects.count(),
                       LeafletIssue.objects.count())
    return figures


def personal_state() -> tuple[Any, ...]:
    """Every personal field the purge may touch, in a stable order."""
    return (
        list(Message.objects.order_by("pk").values_list("pk", "body_text")),
        list(Recipient.objects.order_by("pk").values_list("phone", "email", "erased_at")),
        list(LeafletIssue.objects.order_by("pk").values_list("pk", "crime_reference")),
        list(InboundMessage.objects.order_by("pk").values_list("provider_id", "body")),
        list(Referral.objects.order_by("pk").values_list("pk", "needs_snapshot",
                                                         "crime_reference")),
        list(NeedsAssessment.objects.order_by("pk").values_list("pk", "answers")),
        list(ConsentRecord.objects.order_by("pk").values_list("pk", "evidence")),
        LinkOpen.objects.count(), Session.objects.count(), AuditEvent.objects.count(),
    )


def _run(dry_run: bool) -> PurgeReport:
    return purge_due(trigger=Trigger.COMMAND, now=NOW, dry_run=dry_run)


def test_exactly_what_is_due_goes_and_the_dashboard_stays_the_same(demo: Any) -> None:
    for kind in ("bodies", "contacts", "issues", "referrals", "needs"):
        assert demo[kind], f"the demo data has no {kind} due: the test would prove nothing"
    assert Message.objects.exclude(pk__in=demo["bodies"]).exists()
    figures = dashboard_figures()
    state = personal_state()

    dry = _run(dry_run=True)
    assert personal_state() == state
    assert stored_senders(demo["rasa"]) == {"old-1", "old-2", "active", "recent"}

    report = _run(dry_run=False)
    assert not report.failed
    assert [r.count for r in report.results] == [r.count for r in dry.results]
    assert dashboard_figures() == figures

    assert report.records(DataKind.MESSAGE_BODIES) == len(demo["bodies"])
    assert set(Message.objects.filter(body_text="").values_list("pk", flat=True)) \
        == demo["bodies"]
    assert report.records(DataKind.CONTACT_DETAILS) == len(demo["contacts"])
    assert set(Recipient.objects.exclude(erased_at=None).values_list("pk", flat=True)) \
        == demo["contacts"]
    assert not Recipient.objects.filter(erased_at=None, phone="", email="").exists()
    assert report.records(DataKind.LEAFLET_ISSUES) == len(demo["issues"])
    assert set(LeafletIssue.objects.filter(crime_reference="").values_list("pk", flat=True)) \
        == demo["issues"]
    assert report.records(DataKind.LINK_OPENS) == demo["opens"]
    assert not LinkOpen.objects.filter(opened_at__lt=CUTOFF).exists()
    assert report.records(DataKind.INBOUND_MESSAGES) == 2
    assert set(InboundMessage.objects.filter(body="").values_list("provider_id", flat=True)) \
        == demo["inbound"]

    # Two conversations whole, the old session of "active", one expired web-chat session.
    assert report.records(DataKind.CONVERSATIONS) == 4
    assert stored_senders(demo["rasa"]) == {"active", "recent"}
    assert conversation_events(sender_id="active") == 5  # its new session, whole
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live-chat"]

    assert report.records(DataKind.NEEDS) == len(demo["needs"])
    assert set(NeedsAssessment.objects.filter(answers={}).values_list("pk", flat=True)) \
        == demo["needs"]
    assert report.records(DataKind.REFERRALS) == len(demo["referrals"])
    anonymised = Referral.objects.filter(needs_snapshot={})
    assert set(anonymised.values_list("pk", flat=True)) == demo["referrals"]
    assert set(anonymised.values_list("crime_reference", flat=True)) == {""}
    assert not ConsentRecord.objects.filter(referrals__in=anonymised).exclude(evidence={})
    assert not ReferralEvent.objects.filter(referral__in=anonymised).exclude(reason="")
    kept = Referral.objects.exclude(pk__in=demo["referrals"])
    assert kept.exists()
    assert not kept.filter(needs_snapshot={}).exists()
    assert not ConsentRecord.objects.filter(referrals__in=kept, evidence={}).exists()

    assert report.records(DataKind.AUDIT) == 3
    assert not AuditEvent.objects.filter(action="test-old").exists()
    chain = verify_chain()
    assert chain.ok, chain
    assert chain.checked == AuditEvent.objects.count()

    again = _run(dry_run=False)
    assert sum(r.count.records for r in again.results if r.count) == 0
    assert dashboard_figures() == figures
