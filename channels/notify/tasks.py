"""Huey tasks for Notify: the poll for statuses a lost callback never brought."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from channels.notify import polling


@db_periodic_task(crontab(minute="*/5"))  # type: ignore[untyped-decorator]  # huey ships no types
def poll_notify_task() -> None:
    polling.poll_in_flight()
