"""Nightly: rebuild the dashboard's daily summaries of the last days (Huey periodic task)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from portal.summaries import summarise_days


@db_periodic_task(crontab(hour="2", minute="41"))  # type: ignore[untyped-decorator]
def summarise_recent_days() -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    summarise_days(start=yesterday - timedelta(days=settings.PORTAL_SUMMARY_REFRESH_DAYS - 1),
                   end=yesterday)
