"""Daily summaries: the dashboard shows the same figures from summaries as from live rows."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.models import Message
from messaging.recipients import recipient_for_phone
from portal import dashboard
from portal.models import SummarisedDay
from portal.summaries import first_live_day, summarise_days
from tests.portal.factories import World, make_issue

TABLES = [dashboard.by_unit, dashboard.by_officer, dashboard.by_channel, dashboard.by_language,
          dashboard.failures]


def _activity(world: World) -> None:
    now = timezone.now()
    for day in range(1, 6):
        for n, (officer, unit) in enumerate([(world.officer, world.north),
                                             (world.other_officer, world.south)] * day):
            issue = make_issue(world, officer=officer, unit=unit,
                               language=["en", "pl", "ar"][n % 3],
                               channels=[IssueChannel.SMS] if n % 2 else [IssueChannel.QR],
                               now=now - timedelta(days=day, hours=n))
            if n % 3 == 0:
                LeafletIssue.objects.filter(pk=issue.pk).update(first_opened_at=now)
            if n % 2:
                Message.objects.create(
                    channel="sms", recipient=recipient_for_phone(phone="+447700900321"),
                    template="leaflet-link", body_text="x", idempotency_key=f"k{issue.pk}",
                    origin="officer", about_type="leaflet-issue", about_id=str(issue.pk),
                    status="delivered" if n % 4 == 1 else "undelivered",
                    reason="" if n % 4 == 1 else "Switched off")
    make_issue(world, now=now)  # today: always live


def _figures(world: World) -> list[object]:
    scope = dashboard.Scope(organisation=world.force, units=(world.north, world.south),
                            start=timezone.localdate() - timedelta(days=10),
                            end=timezone.localdate())
    return [dashboard.headline(scope), *[table(scope) for table in TABLES]]


def test_summaries_give_the_same_figures_as_live_counting(world: World) -> None:
    _activity(world)
    live = _figures(world)
    today = timezone.localdate()
    summarise_days(start=today - timedelta(days=10), end=today - timedelta(days=1))
    assert SummarisedDay.objects.count() == 10
    assert _figures(world) == live
    assert live[0]["issued"] == 31  # type: ignore[index]


def test_a_day_not_yet_summarised_and_everything_after_it_are_counted_live(world: World) -> None:
    _activity(world)
    live = _figures(world)
    today = timezone.localdate()
    summarise_days(start=today - timedelta(days=10), end=today - timedelta(days=1))
    SummarisedDay.objects.filter(day=today - timedelta(days=3)).delete()
    assert first_live_day(start=today - timedelta(days=10), end=today,
                          today=today) == today - timedelta(days=3)
    assert _figures(world) == live


def test_summaries_are_rebuilt_when_statuses_change(world: World) -> None:
    _activity(world)
    today = timezone.localdate()
    summarise_days(start=today - timedelta(days=10), end=today - timedelta(days=1))
    LeafletIssue.objects.update(first_opened_at=timezone.now())  # everyone opened it since
    call_command("summarise_days", "--start", str(today - timedelta(days=10)))
    assert _figures(world)[0]["opened"] == 31  # type: ignore[index]
