"""Parse and check crime-report rows from any source (API batch or CSV file). No database here.

>>> from datetime import timezone as tz
>>> parse_row({"crime_reference": "ab/1/26", "reported_at": "2026-03-01T10:00:00Z"}, row=1)
ReportInput(crime_reference='AB/1/26', reported_at=datetime.datetime(2026, 3, 1, 10, 0, \
tzinfo=datetime.timezone.utc), unit_name='', crime_type='')
>>> parse_row({"crime_reference": "", "reported_at": "yesterday"}, row=2)[0].field
'crime_reference'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from crimes.references import MAX_LENGTH, is_valid, matches_force, normalise

MAX_TEXT = 100
FUTURE_SLACK = timedelta(days=1)  # clocks of the sending system may run a little ahead


@dataclass(frozen=True)
class ReportInput:
    crime_reference: str
    reported_at: datetime
    unit_name: str = ""
    crime_type: str = ""


@dataclass(frozen=True)
class RowError:
    """What is wrong with one field of one row (a CSV's line number, or an API batch's index)."""

    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "message": self.message}


def parse_datetime(raw: str) -> datetime | None:
    """An ISO 8601 date or date-time; a local (naive) value is read as UK time."""
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(raw.strip()), time())
        except ValueError:
            return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _text(raw: Mapping[str, object], name: str) -> str | None:
    value = raw.get(name, "")
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else None


def parse_row(raw: Mapping[str, object], *, row: int, now: datetime | None = None,
              pattern: str = "") -> ReportInput | list[RowError]:
    """One row as a ReportInput, or every problem with it (messages never repeat the values)."""
    errors: list[RowError] = []
    reference = _text(raw, "crime_reference")
    if not reference:
        errors.append(RowError(row, "crime_reference", "A crime reference is required."))
    elif len(reference) > MAX_LENGTH or not is_valid(normalise(reference)):
        errors.append(RowError(row, "crime_reference",
                               "Use letters, digits and / - _ . only, at most 64 characters."))
    elif not matches_force(normalise(reference), pattern):
        errors.append(RowError(row, "crime_reference",
                               "Not in this force's crime reference format."))
    reported = _text(raw, "reported_at")
    reported_at = parse_datetime(reported) if reported else None
    if not reported:
        errors.append(RowError(row, "reported_at", "The date the crime was reported is required."))
    elif reported_at is None:
        errors.append(RowError(row, "reported_at",
                               "Use an ISO 8601 date or date-time, e.g. 2026-03-01T14:30:00Z."))
    elif reported_at > (now or timezone.now()) + FUTURE_SLACK:
        errors.append(RowError(row, "reported_at", "This date is in the future."))
    texts: dict[str, str] = {}
    for name in ("unit_name", "crime_type"):
        value = _text(raw, name)
        if value is None or len(value) > MAX_TEXT:
            errors.append(RowError(row, name, f"Text of at most {MAX_TEXT} characters."))
        else:
            texts[name] = value
    if errors or reference is None or reported_at is None:
        return errors
    return ReportInput(crime_reference=normalise(reference), reported_at=reported_at, **texts)


def parse_rows(rows: Sequence[tuple[int, Mapping[str, object]]], *,
               now: datetime | None = None,
               pattern: str = "") -> tuple[list[ReportInput], list[RowError]]:
    """Every (row number, values) parsed; a reference given twice is an error on its second row.

    The row number is the CSV line, or the index in an API batch.
    """
    reports: list[ReportInput] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for number, raw in rows:
        parsed = parse_row(raw, row=number, now=now, pattern=pattern)
        if isinstance(parsed, list):
            errors.extend(parsed)
        elif parsed.crime_reference in seen:
            errors.append(RowError(number, "crime_reference",
                                   "This crime reference appears earlier in the same load."))
        else:
            seen.add(parsed.crime_reference)
            reports.append(parsed)
    return reports, errors
