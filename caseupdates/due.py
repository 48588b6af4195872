"""The officer's "updates due": open updates of their victims and units, overdue first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from caseupdates.models import CaseUpdate, VictimCase
from organisations.models import Unit

# In the order of the partial index's condition (caseupdates.models).
OPEN_VALUES = ["pending", "call-needed"]


@dataclass(frozen=True)
class DueRow:
    update: CaseUpdate
    overdue: bool


def open_updates(*, officer: User, units: Sequence[Unit]) -> QuerySet[CaseUpdate]:
    """Open updates of the officer's own cases and of their units' cases, soonest due first."""
    theirs = VictimCase.objects.filter(Q(officer=officer) | Q(unit__in=list(units)))
    return (CaseUpdate.objects
            .filter(status__in=OPEN_VALUES, case__in=theirs.values("pk"))
            .select_related("event", "case", "case__unit")
            .order_by("due_at", "pk"))


def due_list(*, officer: User, units: Sequence[Unit], now: datetime, limit: int = 200
             ) -> list[DueRow]:
    return [DueRow(update=update, overdue=update.due_at < now)
            for update in open_updates(officer=officer, units=units)[:limit]]
