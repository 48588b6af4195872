"""Retention: a purge on demo data removes exactly what the policy says, dashboard totals stay
the same, and a dry run changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from leaflets.models import LeafletIssue, LinkOpen
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from messaging.models import InboundMessage, Message, Recipient
from messaging.optouts import is_opted_out, opt_out
from messaging.outbound import Content, send_to_recipient
from messaging.recipients import recipient_for_email, recipient_for_phone
from messaging.statuses import Channel, InboundStatus, MessageStatus, Origin
from retention.models import PurgeRun
from retention.periods import DataKind
from retention.registry import Action, PurgeCount, registered, unregistered
from retention.services import PurgeFailed, Trigger, purge_due
from retention.tallies import tallied

pytestmark = pytest.mark.django_db
NOW = timezone.now()
OLD = NOW - timedelta(days=400)  # past every built-in period (the longest is 365 days)
RECENT = NOW - timedelta(days=2)


def _message(recipient: Recipient, *, at: datetime, status: MessageStatus = MessageStatus.DELIVERED,
             key: str) -> Message:
    message = send_to_recipient(
        channel=Channel.SMS if recipient.phone else Channel.EMAIL, recipient=recipient,
        content=Content(template="leaflet", language="en", text=f"Private text {key}"),
        idempotency_key=key, origin=Origin.OFFICER)
    Message.objects.filter(pk=message.pk).update(created_at=at, status=status.value)
    return message


def _inbound(recipient: Recipient, *, at: datetime,
             status: InboundStatus = InboundStatus.RELAYED, sid: str) -> None:
    inbound = InboundMessage.objects.create(channel="sms", provider_id=sid, recipient=recipient,
                                            body="my name is Amara", status=status.value)
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=at)


def _backdate_recipient(recipient: Recipient, at: datetime) -> None:
    Recipient.objects.filter(pk=recipient.pk).update(created_at=at)


@pytest.fixture
def demo():
    """Old and recent data of every kind, plus cases the purge must leave alone."""
    old_phone = recipient_for_phone(phone="+447700900201")
    old_email = recipient_for_email(email="old.victim@example.org")
    recent = recipient_for_phone(phone="+447700900202")
    old_but_active = recipient_for_phone(phone="+447700900203")
    opted_out = recipient_for_phone(phone="+447700900204")
    for r in (old_phone, old_email, old_but_active, opted_out):
        _backdate_recipient(r, OLD)
    _message(old_phone, at=OLD, key="old-1")
    _message(old_email, at=OLD, key="old-2", status=MessageStatus.PERMANENT_FAILURE)
    _message(old_but_active, at=OLD, key="old-3")
    _message(old_but_active, at=RECENT, key="recent-1")  # keeps its recipient's details
    _message(recent, at=RECENT, key="recent-2")
    _message(opted_out, at=OLD, key="old-4")
    Message.objects.filter(idempotency_key="old-4").update(status=MessageStatus.QUEUED.value)
    _message(opted_out, at=OLD, key="old-5")
    opt_out(recipient=opted_out, channel=Channel.SMS, keyword="STOP", source="inbound-keyword")
    _inbound(old_phone, at=OLD, sid="SM-old")
    _inbound(old_phone, at=OLD, sid="SM-old-unprocessed", status=InboundStatus.RELAY_FAILED)
    _inbound(recent, at=RECENT, sid="SM-recent")
    old_issue = issue_leaflet(language="pl", channels=[IssueChannel.SMS], crime_reference="CR/1",
                              now=OLD).issue
    recent_issue = issue_leaflet(language="en", channels=[IssueChannel.QR],
                                 crime_reference="CR/2", now=RECENT).issue
    for n, (issue, at) in enumerate([(old_issue, OLD), (old_issue, OLD), (recent_issue, RECENT)]):
        LinkOpen.objects.create(issue=issue, view_id=f"v{n}", language=issue.language,
                                opened_at=at)
    return {"old_phone": old_phone, "old_email": old_email, "recent": recent,
            "old_but_active": old_but_active, "opted_out": opted_out}


def dashboard_totals() -> dict[str, Any]:
    """What a dashboard counts: messages by status and channel, issues, opens (live + tallied)."""
    return {
        "messages": sorted(Message.objects.values_list("channel", "status")
                           .annotate(n=Count("pk")).values_list("channel", "status", "n")),
        "inbound": InboundMessage.objects.count(),
        "recipients": Recipient.objects.count(),
        "issues": LeafletIssue.objects.count(),
        "opened_issues": LeafletIssue.objects.filter(status="opened").count(),
        "opens": LinkOpen.objects.count() + tallied(kind=DataKind.LINK_OPENS),
        "opens_pl": LinkOpen.objects.filter(language="pl").count()
        + tallied(kind=DataKind.LINK_OPENS, key_prefix="org:-|lang:pl"),
    }


def test_a_purge_removes_exactly_what_is_due_and_keeps_the_totals(demo):
    before = dashboard_totals()
    report = purge_due(trigger=Trigger.COMMAND, now=NOW)
    assert dashboard_totals() == before

    assert report.records(DataKind.MESSAGE_BODIES) == 4  # old-1, 2, 3, 5 (old-4 is unsent)
    assert set(Message.objects.filter(body_text="").values_list("idempotency_key", flat=True)) \
        == {"old-1", "old-2", "old-3", "old-5"}
    assert Message.objects.get(idempotency_key="old-4").body_text == "Private text old-4"
    assert report.records(DataKind.INBOUND_MESSAGES) == 1
    assert InboundMessage.objects.get(provider_id="SM-old").body == ""
    assert InboundMessage.objects.get(provider_id="SM-old-unprocessed").body != ""
    assert InboundMessage.objects.get(provider_id="SM-recent").body != ""

    # old_phone has an unprocessed inbound text and opted_out an unsent message: both kept.
    assert report.records(DataKind.CONTACT_DETAILS) == 1
    erased = Recipient.objects.get(pk=demo["old_email"].pk)
    assert (erased.phone, erased.email, erased.email_index) == ("", "", "")
    assert erased.erased_at is not None
    for name in ("old_phone", "recent", "old_but_active", "opted_out"):
        assert Recipient.objects.get(pk=demo[name].pk).erased_at is None, name

    assert report.records(DataKind.LEAFLET_ISSUES) == 1
    assert set(LeafletIssue.objects.values_list("crime_reference", flat=True)) == {"", "CR/2"}
    assert report.records(DataKind.LINK_OPENS) == 2
    assert LinkOpen.objects.count() == 1
    # Every kind has its purger; this data has no conversations, needs, referrals or old audit
    # events (tests/retention/test_demo_purge.py has them).
    for kind in (DataKind.CONVERSATIONS, DataKind.NEEDS, DataKind.REFERRALS, DataKind.AUDIT):
        assert next(r for r in report.results if r.kind is kind).count == PurgeCount(
            Action.DELETED if kind in (DataKind.CONVERSATIONS, DataKind.AUDIT) else Action.ERASED,
            0), kind

    run = PurgeRun.objects.get(pk=report.run_id)
    assert run.counts["message-bodies"]["records"] == 4
    assert run.finished_at is not None

    again = purge_due(trigger=Trigger.COMMAND, now=NOW)  # nothing left to do
    assert sum(r.count.records for r in again.results if r.count) == 0
    assert dashboard_totals() == before


def test_an_opted_out_number_stays_opted_out_after_its_details_are_erased(demo):
    opted_out = demo["opted_out"]
    Message.objects.filter(idempotency_key="old-4").update(
        status=MessageStatus.PERMANENT_FAILURE.value)
    purge_due(trigger=Trigger.COMMAND, now=NOW)
    erased = Recipient.objects.get(pk=opted_out.pk)
    assert erased.erased_at is not None
    assert erased.phone == ""
    again = recipient_for_phone(phone="+447700900204")  # an officer gives the number again
    assert again.pk == opted_out.pk
    assert is_opted_out(recipient=again, channel=Channel.SMS)


def test_a_dry_run_counts_but_changes_nothing(demo):
    snapshot = (list(Message.objects.values_list("body_text", flat=True).order_by("pk")),
                list(Recipient.objects.values_list("erased_at", flat=True).order_by("pk")),
                LinkOpen.objects.count())
    report = purge_due(trigger=Trigger.COMMAND, now=NOW, dry_run=True)
    assert report.records(DataKind.MESSAGE_BODIES) == 4
    assert report.records(DataKind.LINK_OPENS) == 2
    assert snapshot == (list(Message.objects.values_list("body_text", flat=True).order_by("pk")),
                        list(Recipient.objects.values_list("erased_at", flat=True)
                             .order_by("pk")),
                        LinkOpen.objects.count())


def test_periods_come_from_settings(demo, settings):
    settings.SIGNPOST_RETENTION_DAYS = {**settings.SIGNPOST_RETENTION_DAYS, "message-bodies": 1}
    report = purge_due(trigger=Trigger.COMMAND, now=NOW)
    assert report.records(DataKind.MESSAGE_BODIES) == 6  # the two recent ones too
    settings.SIGNPOST_RETENTION_DAYS = {**settings.SIGNPOST_RETENTION_DAYS, "link-opens": 10_000}
    assert purge_due(trigger=Trigger.COMMAND, now=NOW).records(DataKind.LINK_OPENS) == 0


def test_another_app_can_register_its_kind():
    calls = []

    def purge_referrals(*, before, now, dry_run):
        calls.append((now - before).days)
        return PurgeCount(Action.DELETED, 3)

    with registered(DataKind.REFERRALS, purge_referrals):
        report = purge_due(trigger=Trigger.DAILY, now=NOW)
    assert calls == [730]
    assert report.records(DataKind.REFERRALS) == 3


def test_the_command_prints_every_kind(demo):
    out = StringIO()
    call_command("purge_due", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "message-bodies" in text
    assert "erased 4 records due" in text
    assert "referrals" in text
    assert "no purger registered" not in text
    assert LinkOpen.objects.count() == 3


def test_a_kind_without_a_purger_is_reported_not_skipped(demo):
    out = StringIO()
    with unregistered(DataKind.AUDIT):
        report = purge_due(trigger=Trigger.COMMAND, now=NOW, dry_run=True)
        call_command("purge_due", "--dry-run", stdout=out)
    assert next(r for r in report.results if r.kind is DataKind.AUDIT).count is None
    assert PurgeRun.objects.get(pk=report.run_id).counts["audit"]["registered"] is False
    assert "no purger registered: NOT PURGED" in out.getvalue()


def test_a_failing_purger_is_recorded_and_the_other_kinds_still_run(demo):
    def broken(*, before, now, dry_run):
        raise ConnectionError("store down")

    with registered(DataKind.CONVERSATIONS, broken):
        report = purge_due(trigger=Trigger.COMMAND, now=NOW)
        with pytest.raises(CommandError, match="conversations"):
            call_command("purge_due", "--dry-run", stdout=StringIO())
    assert report.failed == [DataKind.CONVERSATIONS]
    assert report.records(DataKind.MESSAGE_BODIES) == 4  # the other kinds ran
    assert report.records(DataKind.REFERRALS) == 0
    assert PurgeRun.objects.get(pk=report.run_id).counts["conversations"]["error"] == \
        "ConnectionError"
    with pytest.raises(PurgeFailed):
        report.raise_if_failed()


def test_the_daily_task_is_a_periodic_huey_task():
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    import retention.tasks  # noqa: F401 (registers it, as the consumer does)

    daily = [t for t in HUEY._registry.periodic_tasks if type(t).__name__ == "purge_due_task"]
    assert len(daily) == 1
    assert daily[0].validate_datetime(datetime(2026, 1, 5, 3, 17))
    assert not daily[0].validate_datetime(datetime(2026, 1, 5, 4, 17))
