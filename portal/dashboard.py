"""The supervisor dashboard's figures: aggregate queries over issues, messages and referrals.

Every query filters by unit and date first (indexes: leaflet issue (unit, created_at), message
(about_type, about_id), referral created_at) and groups in the database; nothing here loads
rows one by one. Days already summarised (``portal.summaries``) are read from the daily
summaries; the rest (today, days not yet built) live. ``benchmarks/dashboard.py`` times them
at a million issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import CharField, Count, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from crimes.services import provision_by_unit
from i18n.languages import is_known, language
from leaflets.delivery import ABOUT_TYPE
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.models import Message
from messaging.statuses import MessageStatus
from organisations.models import Organisation, Unit
from portal import summaries
from portal.issue_status import FAILED, PLAIN

NONE = "\N{EN DASH}"  # shown for a figure that cannot be computed (nothing to divide)


@dataclass(frozen=True)
class Rate:
    """A share: shown as a whole percentage, exported as a decimal (blank with nothing to
    divide), so a spreadsheet can compute with it.

    >>> str(Rate(1, 3)), Rate(1, 3).decimal, str(Rate(0, 0)) == NONE, Rate(0, 0).decimal
    ('33%', 0.3333, True, None)
    """

    part: int
    whole: int

    @property
    def decimal(self) -> float | None:
        return round(self.part / self.whole, 4) if self.whole else None

    def __str__(self) -> str:
        return f"{round(100 * self.part / self.whole)}%" if self.whole else NONE


# A table cell: a label, a count, a rate, or None for a figure that does not apply.
Cell = str | int | Rate | None
Row = tuple[Cell, ...]


# A drill-down link's narrowing of the scope's issues (portal.dashboard_drill.DrillForm).
Narrowing = dict[str, str]


@dataclass(frozen=True)
class Table:
    """A dashboard table. A cell links to the issues behind it when both its row's and its
    column's narrowing are given (merged); tables without them link nowhere."""

    key: str  # names the CSV export
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    chart_column: int = 1  # the count the chart draws (0 is the label)
    row_filters: tuple[Narrowing | None, ...] = ()
    column_filters: tuple[Narrowing | None, ...] = ()
    drill: str = "issues"  # which list the links open: "issues" or "referrals"

    def narrowing(self, row: int, column: int) -> Narrowing | None:
        if row >= len(self.row_filters) or column >= len(self.column_filters):
            return None
        by_row, by_column = self.row_filters[row], self.column_filters[column]
        if by_row is None or by_column is None:
            return None
        return {**by_row, **by_column}


@dataclass(frozen=True)
class Scope:
    """What a page shows: the units (all of one organisation) and the days, inclusive.

    ``memo`` keeps one page's grouped query results, so tables that share a grouping (the
    headline, channels and failures all read the messages' groups) run it once.
    """

    organisation: Organisation
    units: tuple[Unit, ...]
    start: date
    end: date  # inclusive
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def period(self) -> str:
        """The days as an ISO 8601 interval, both ends inclusive: "2026-11-01/2026-11-30"."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def pct(part: int, whole: int) -> Rate:
    return Rate(part, whole)


def csv_cell(cell: Cell) -> str | int | float:
    """A cell as a spreadsheet wants it: counts as integers, rates as decimals, blanks empty."""
    if cell is None:
        return ""
    if isinstance(cell, Rate):
        return "" if cell.decimal is None else cell.decimal
    return cell


def csv_rows(table: Table, scope: Scope) -> list[list[str | int | float]]:
    """The table with a period column first, header included."""
    return [["period", *table.columns],
            *([scope.period, *(csv_cell(cell) for cell in row)] for row in table.rows)]


def live_from(scope: Scope) -> date:
    """The first day counted live; the days before it come from the daily summaries."""
    if "live_from" not in scope.memo:
        scope.memo["live_from"] = summaries.first_live_day(
            start=scope.start, end=scope.end, today=timezone.localdate())
    found: date = scope.memo["live_from"]
    return found


def issues_in(scope: Scope, *, live_only: bool = False) -> QuerySet[LeafletIssue]:
    """The scope's issues: by unit and date only (index unit, created_at); the units are all of
    the scope's organisation. ``live_only``: only the days not read from the summaries."""
    since = summaries.day_bounds(live_from(scope))[0] if live_only else scope.since
    return LeafletIssue.objects.filter(unit__in=scope.units, created_at__gte=since,
                                       created_at__lt=scope.until)


def messages_in(scope: Scope, *, live_only: bool = False) -> QuerySet[Message]:
    ids = (issues_in(scope, live_only=live_only).annotate(text_id=Cast("pk", CharField()))
           .values("text_id"))
    return Message.objects.filter(about_type=ABOUT_TYPE, about_id__in=ids)


def _summarised_span(scope: Scope) -> tuple[list[int], date, date] | None:
    last = live_from(scope) - timedelta(days=1)
    if last < scope.start:
        return None
    return [unit.pk for unit in scope.units], scope.start, last


def issue_groups(scope: Scope, dimension: str) -> list[summaries.IssueGroup]:
    """(unit id, value, issued, opened) of the scope's issues by one dimension (officer,
    language or channels): summarised days from the summaries, the rest counted live."""
    key = f"issues-{dimension}"
    if key not in scope.memo:
        span = _summarised_span(scope)
        summarised = (summaries.summarised_issue_groups(dimension=dimension, units=span[0],
                                                        start=span[1], end=span[2])
                      if span else [])
        scope.memo[key] = summarised + summaries.grouped(issues_in(scope, live_only=True),
                                                         dimension)
    found: list[summaries.IssueGroup] = scope.memo[key]
    return found


def officer_names(ids: list[int]) -> dict[int, str]:
    """Officers' names and collar numbers by user id (one query)."""
    return {pk: officer_name(first=first, last=last, collar=collar or "", pk=pk)
            for pk, first, last, collar in User.objects.filter(pk__in=ids).values_list(
                "pk", "first_name", "last_name", "membership__collar_number")}


def _labels(scope: Scope, dimension: str, values: set[str]) -> dict[str, str]:
    if dimension == "officer":
        names = officer_names([int(value) for value in values if value.isdigit()])
        return {str(pk): name for pk, name in names.items()}
    if dimension == "language":
        return {code: language(code).english_name for code in values if is_known(code)}
    return {}


def officer_name(*, first: str, last: str, collar: str, pk: int) -> str:
    """An officer as supervisors know them: full name and collar number, never the log-in
    username; an officer with neither is shown by number so two of them stay apart.

    >>> officer_name(first="Ann", last="Lee", collar="PC 4821", pk=3)
    'Ann Lee (PC 4821)'
    >>> officer_name(first="", last="", collar="", pk=3)
    'Officer 3 (no name recorded)'
    """
    name = f"{first} {last}".strip()
    if name and collar:
        return f"{name} ({collar})"
    return name or collar or f"Officer {pk} (no name recorded)"


def _by(scope: Scope, dimension: str) -> list[tuple[str, str, int, int]]:
    """(value, label, issued, opened) per unit ("unit") or per officer or language, biggest
    first; the value (a unit or user id, a language code) is what a drill-down link narrows
    by."""
    if dimension == "unit":
        names = {str(unit.pk): unit.name for unit in scope.units}
        pairs = [(str(unit), n, opened) for unit, _v, n, opened in
                 issue_groups(scope, "channels")]
    else:
        groups = issue_groups(scope, dimension)
        names = _labels(scope, dimension, {value for _u, value, _n, _o in groups})
        pairs = [(value, n, opened) for _u, value, n, opened in groups]
    totals: dict[str, tuple[int, int]] = {}
    for value, n, opened in pairs:
        before = totals.get(value, (0, 0))
        totals[value] = (before[0] + n, before[1] + opened)
    rows = [(value, names.get(value, value) or NONE, n, opened)
            for value, (n, opened) in totals.items()]
    return sorted(rows, key=lambda item: (-item[2], item[1]))


def message_groups(scope: Scope) -> list[tuple[str, str, str, int]]:
    """(channel, status, reason, count) of the messages that carried the scope's issues."""
    if "messages" not in scope.memo:
        span = _summarised_span(scope)
        summarised = (summaries.summarised_message_groups(units=span[0], start=span[1],
                                                          end=span[2]) if span else [])
        scope.memo["messages"] = summarised + [
            (row["channel"], row["status"], row["reason"], row["n"])
            for row in messages_in(scope, live_only=True).values("channel", "status", "reason")
            .annotate(n=Count("pk"))]
    found: list[tuple[str, str, str, int]] = scope.memo["messages"]
    return found


ISSUE_COLUMNS = ("issued", "opened", "opened rate")
# What each issue column's figure counts, as drill-down narrowing (None: not a count).
ISSUE_COLUMN_FILTERS: tuple[Narrowing | None, ...] = (None, {}, {"opened": "yes"}, None)


def _issue_table(scope: Scope, *, key: str, title: str, dimension: str) -> Table:
    rows = _by(scope, dimension)
    narrow = "unit" if dimension == "unit" else dimension
    return Table(key, title, (dimension, *ISSUE_COLUMNS),
                 tuple((label, n, opened, pct(opened, n)) for _v, label, n, opened in rows),
                 row_filters=tuple({narrow: value} if value else None
                                   for value, _l, _n, _o in rows),
                 column_filters=ISSUE_COLUMN_FILTERS)


def by_unit(scope: Scope) -> Table:
    return _issue_table(scope, key="units", title="Leaflets by unit", dimension="unit")


def by_officer(scope: Scope) -> Table:
    return _issue_table(scope, key="officers", title="Leaflets by officer", dimension="officer")


def by_language(scope: Scope) -> Table:
    return _issue_table(scope, key="languages", title="Leaflets by language",
                        dimension="language")


@dataclass(frozen=True)
class ChannelCounts:
    """One channel's messages: all, delivered (a receipt said so), accepted (handed to the
    mail server, no receipt to come: email asks for failure reports only) and not delivered."""

    messages: int = 0
    delivered: int = 0
    accepted: int = 0
    failed: int = 0


def channel_counts(scope: Scope) -> dict[str, ChannelCounts]:
    found: dict[str, ChannelCounts] = {}
    for channel, status, _reason, n in message_groups(scope):
        was = found.get(channel, ChannelCounts())
        state = MessageStatus(status)
        found[channel] = ChannelCounts(
            messages=was.messages + n,
            delivered=was.delivered + (n if state == MessageStatus.DELIVERED else 0),
            accepted=was.accepted + (n if state == MessageStatus.SENT else 0),
            failed=was.failed + (n if state in FAILED else 0))
    return found


def by_channel(scope: Scope) -> Table:
    """Issues per channel (an issue may use several), and what became of the SMS and email.

    A text's delivery is confirmed by the network's receipt; an email's is not (no success
    reports are asked for), so an email the mail server accepted is counted as accepted, not
    as delivered, and only texts get a delivered rate."""
    issued: dict[str, int] = {}
    for _unit, value, n, _opened in issue_groups(scope, "channels"):
        for channel in filter(None, value.split(",")):
            issued[channel] = issued.get(channel, 0) + n
    counts = channel_counts(scope)
    sms = counts.get(IssueChannel.SMS.value, ChannelCounts())
    email = counts.get(IssueChannel.EMAIL.value, ChannelCounts())
    rows: tuple[Row, ...] = (
        ("QR code", issued.get(IssueChannel.QR.value, 0), None, None, None, None, None),
        ("SMS", issued.get(IssueChannel.SMS.value, 0), sms.messages, sms.delivered, None,
         sms.failed, pct(sms.delivered, sms.messages)),
        ("Email", issued.get(IssueChannel.EMAIL.value, 0), email.messages,
         email.delivered or None, email.accepted, email.failed, None),
        ("Printed", issued.get(IssueChannel.PRINT.value, 0), None, None, None, None, None),
    )
    return Table("channels", "Leaflets by channel",
                 ("channel", "issued", "messages", "delivered", "accepted by the mail server",
                  "not delivered", "delivered rate"), rows,
                 row_filters=tuple({"channel": channel.value} for channel in
                                   (IssueChannel.QR, IssueChannel.SMS, IssueChannel.EMAIL,
                                    IssueChannel.PRINT)),
                 column_filters=(None, {}, {"message": "any"}, {"message": "delivered"},
                                 {"message": "accepted"}, {"message": "failed"}, None))


def failures(scope: Scope) -> Table:
    counts: dict[str, int] = {}
    reasons: set[str] = set()  # rows that are a recorded reason, so a link can narrow by it
    for _channel, status, reason, n in message_groups(scope):
        if MessageStatus(status) in FAILED:
            words = reason or PLAIN[MessageStatus(status)]
            counts[words] = counts.get(words, 0) + n
            if reason:
                reasons.add(reason)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return Table("failures", "Messages not delivered, by reason", ("reason", "messages"),
                 tuple(rows),
                 row_filters=tuple({"message": "failed", "reason": words}
                                   if words in reasons else None for words, _n in rows),
                 column_filters=(None, {}))


def provision(scope: Scope) -> Table | None:
    """Crime reports of the units that got a leaflet (crimes.services), when reports are loaded."""
    rows = provision_by_unit(organisation=scope.organisation, start=scope.start, end=scope.end,
                             units=scope.units)
    reports = sum(row.reports for row in rows)
    if not reports:
        return None
    given = sum(row.with_leaflet for row in rows)
    return Table("provision", "Provision: crime reports that got a leaflet",
                 ("unit", "crime reports", "got a leaflet", "provision rate"),
                 (*((row.unit_name or NONE, row.reports, row.with_leaflet,
                     pct(row.with_leaflet, row.reports)) for row in rows),
                  ("all", reports, given, pct(given, reports))),
                 chart_column=1)


def headline(scope: Scope) -> dict[str, Rate | int]:
    """The top figures: texts delivered (receipts), emails accepted by the mail server (no
    receipts: see ``by_channel``), and messages not delivered."""
    groups = issue_groups(scope, "channels")
    issued, opened = sum(row[2] for row in groups), sum(row[3] for row in groups)
    counts = channel_counts(scope)
    sms = counts.get(IssueChannel.SMS.value, ChannelCounts())
    email = counts.get(IssueChannel.EMAIL.value, ChannelCounts())
    return {"issued": issued, "opened": opened, "opened_rate": pct(opened, issued),
            "messages": sms.messages, "delivered": sms.delivered,
            "delivered_rate": pct(sms.delivered, sms.messages),
            "emails": email.messages, "accepted": email.accepted,
            "accepted_rate": pct(email.accepted, email.messages),
            "not_delivered": sms.failed + email.failed}
