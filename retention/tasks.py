"""The daily retention purge (Huey periodic task): parses nothing, calls one service function."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from retention.services import Trigger, purge_due


@db_periodic_task(crontab(hour="3", minute="17"))  # type: ignore[untyped-decorator]
def purge_due_task() -> None:
    purge_due(trigger=Trigger.DAILY).raise_if_failed()
