"""A digest of every stored row, to show that refused input changed nothing.

Every model of every installed app is read (so a new app's tables are covered without a change
here), except the bookkeeping a refused request is meant to leave: the API's per-key request
counters and when a key was last used, sessions, and the log-in throttle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from django.apps import apps
from django.db import models

# Tables a refused request may write by design, and single columns of other tables.
BOOKKEEPING_TABLES = frozenset({"api.ratewindow", "ratelimits.counter", "sessions.session",
                                "portal.loginfailure"})
BOOKKEEPING_COLUMNS: Mapping[str, frozenset[str]] = {
    "api.apikey": frozenset({"last_used_at"}),
    "auth.user": frozenset({"last_login"}),
}

State = dict[str, tuple[int, str]]


def _columns(model: type[models.Model], label: str) -> list[str]:
    skip = BOOKKEEPING_COLUMNS.get(label, frozenset())
    return [f.attname for f in model._meta.concrete_fields if f.attname not in skip]


def stored_state(*, skip: Iterable[str] = ()) -> State:
    """Row count and a digest of every row, per table (``app_label.model``)."""
    skipped = BOOKKEEPING_TABLES | frozenset(skip)
    state: State = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in skipped or model._meta.proxy or not model._meta.managed:
            continue
        rows = list(model._default_manager.order_by("pk")
                    .values_list(*_columns(model, label)))
        state[label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


def changed_tables(before: State, after: State) -> list[str]:
    """The tables whose rows differ, with their counts, for an assertion message."""
    return [f"{label}: {before.get(label, (0, ''))[0]} -> {after.get(label, (0, ''))[0]} rows"
            for label in sorted(set(before) | set(after)) if before.get(label) != after.get(label)]
