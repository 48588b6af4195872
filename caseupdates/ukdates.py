"""The UK calendar day and month of a stored time, computed by the database itself.

Django's ``TruncDate``/``TruncMonth`` with a time zone call a Python function once per row on
SQLite, which cost seconds over a force's year of cases. Here PostgreSQL converts with
``AT TIME ZONE``, and SQLite with its own ``strftime`` and a shift of one hour inside British
Summer Time (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
October, the rule since 1996), both to text: '2026-08-15', '2026-08'.

>>> summer_time(2026)
(datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.timezone.utc), \
datetime.datetime(2026, 10, 25, 1, 0, tzinfo=datetime.timezone.utc))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func
from django.db.models.sql.compiler import SQLCompiler

ZONE = "Europe/London"


def _last_sunday(year: int, month: int) -> datetime:
    day = datetime(year, month + 1, 1, 1, tzinfo=UTC) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def summer_time(year: int) -> tuple[datetime, datetime]:
    """When British Summer Time starts and ends in ``year``, in UTC."""
    return _last_sunday(year, 3), _last_sunday(year, 10)


class _UkText(Func):
    """A stored time as UK local text; ``years`` bounds the summers SQLite is told about."""

    output_field = CharField()
    sqlite_format = ""
    postgresql_format = ""

    def __init__(self, expression: Any, *, years: Iterable[int]) -> None:
        super().__init__(expression)
        self.years = tuple(years)

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper,
               function: str | None = None, template: str | None = None,
               arg_joiner: str | None = None, **extra: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        return (f"to_char(({sql}) AT TIME ZONE %s, %s)",
                [*params, ZONE, self.postgresql_format])

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper,
                  **extra: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        whens, when_params = [], []
        for year in self.years:
            start, end = summer_time(year)
            whens.append(f"WHEN ({sql}) >= %s AND ({sql}) < %s THEN '+1 hours'")
            when_params += [*params, connection.ops.adapt_datetimefield_value(start),
                            *params, connection.ops.adapt_datetimefield_value(end)]
        shift = f"CASE {' '.join(whens)} ELSE '+0 hours' END" if whens else "'+0 hours'"
        return (f"strftime(%s, {sql}, {shift})",
                [self.sqlite_format, *params, *when_params])


class UkDate(_UkText):
    sqlite_format = "%Y-%m-%d"
    postgresql_format = "YYYY-MM-DD"


class UkMonth(_UkText):
    sqlite_format = "%Y-%m"
    postgresql_format = "YYYY-MM"
