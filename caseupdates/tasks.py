"""Huey tasks: deliver an update; every minute, catch pending updates and failed texts."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from caseupdates import compliance_facts, followup, queue, reminders
from caseupdates.delivery import deliver_update
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus

# Pending this long means its task was lost (the queue was down at commit).
STUCK = timedelta(minutes=2)


@db_task()  # type: ignore[untyped-decorator]  # huey ships no types
def deliver_update_task(update_id: int) -> None:
    deliver_update(update_id=update_id)


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def sweep_updates_task() -> None:
    followup.flag_failed_texts()
    stuck = CaseUpdate.objects.filter(status=UpdateStatus.PENDING.value,
                                      created_at__lt=timezone.now() - STUCK)
    queue.enqueue(list(stuck.values_list("pk", flat=True)[:1000]))
    compliance_facts.refresh_changed(now=timezone.now())


# 03:30 UTC, after the night's retention: every case's compliance facts built again, for the
# changes no timestamp shows (retention blanking old needs assessments and referrals).
@db_periodic_task(crontab(minute="30", hour="3"))  # type: ignore[untyped-decorator]
def rebuild_compliance_facts_task() -> None:
    compliance_facts.refresh(cases=VictimCase.objects.all())


# 07:00 UTC: before most early shifts start (08:00 in British Summer Time).
@db_periodic_task(crontab(minute="0", hour="7"))  # type: ignore[untyped-decorator]
def daily_reminders_task() -> None:
    reminders.send_reminders(now=timezone.now())
