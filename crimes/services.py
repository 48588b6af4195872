"""Load crime reports (API batch or CSV upload) and measure provision: the share of reports whose
victim was given the leaflet (a ``LeafletIssue`` with the same force and crime reference).

A load is all or nothing: one bad row rejects the whole load and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from crimes.csvfile import read_csv
from crimes.loading import ReportInput, RowError, parse_rows
from crimes.models import CrimeReport
from crimes.sources import LoadSource
from leaflets.models import LeafletIssue
from organisations.models import Organisation, OrganisationKind, Unit

MAX_BATCH = 1000  # rows per API call
CHUNK = 500  # references per IN (...) query: well under SQLite's parameter limit


class ReportsRejected(ValueError):
    """The load was refused and nothing was stored; ``errors`` says what is wrong, row by row."""

    def __init__(self, errors: list[RowError], problem: str = "") -> None:
        super().__init__(problem or f"{len(errors)} problem(s) in the crime reports")
        self.errors = errors
        self.problem = problem


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int

    @property
    def loaded(self) -> int:
        return self.created + self.updated


def _check_force(organisation: Organisation) -> None:
    if organisation.kind != OrganisationKind.FORCE:
        raise ReportsRejected([], "Only a police force can load crime reports.")


def store_reports(*, organisation: Organisation, reports: Sequence[ReportInput],
                  source: LoadSource, now: datetime | None = None) -> LoadResult:
    """Insert new reports and update known ones (same force and reference), in one transaction.

    One upsert (INSERT … ON CONFLICT DO UPDATE) per chunk; the references known beforehand are
    read first only to count what was created and what was updated.
    """
    _check_force(organisation)
    now = now or timezone.now()
    units = {unit.name.casefold(): unit for unit in Unit.objects.filter(organisation=organisation)}
    rows = [
        CrimeReport(organisation=organisation, crime_reference=report.crime_reference,
                    reported_at=report.reported_at, unit_name=report.unit_name,
                    unit=units.get(report.unit_name.casefold()), crime_type=report.crime_type,
                    source=source.value, loaded_at=now)
        for report in reports
    ]
    known = 0
    with transaction.atomic():
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            known += CrimeReport.objects.filter(
                organisation=organisation,
                crime_reference__in=[row.crime_reference for row in chunk]).count()
            CrimeReport.objects.bulk_create(
                chunk, update_conflicts=True, unique_fields=["organisation", "crime_reference"],
                update_fields=["reported_at", "unit_name", "unit", "crime_type", "source",
                               "loaded_at"],
            )
    return LoadResult(created=len(rows) - known, updated=known)


def load_batch(*, organisation: Organisation, rows: Sequence[Mapping[str, object]],
               now: datetime | None = None) -> LoadResult:
    """An API batch (a list of report objects): ReportsRejected lists errors by batch index."""
    _check_force(organisation)
    if not rows:
        raise ReportsRejected([], "The batch has no reports.")
    if len(rows) > MAX_BATCH:
        raise ReportsRejected([], f"At most {MAX_BATCH} reports per call.")
    reports, errors = parse_rows(list(enumerate(rows)), now=now,
                                 pattern=organisation.crime_reference_pattern)
    if errors:
        raise ReportsRejected(errors)
    return store_reports(organisation=organisation, reports=reports, source=LoadSource.API,
                         now=now)


def load_csv(*, organisation: Organisation, data: bytes, now: datetime | None = None) -> LoadResult:
    """An uploaded CSV file (the portal's upload page): ReportsRejected lists errors by line.

    Columns: crime_reference, reported_at (ISO 8601; UK time when no offset), and optionally
    unit_name and crime_type. Nothing is stored from a file with any bad row.
    """
    _check_force(organisation)
    read = read_csv(data)
    if read.problem:
        raise ReportsRejected([], read.problem)
    if not read.rows:
        raise ReportsRejected([], "The file has no reports.")
    reports, errors = parse_rows(read.rows, now=now,
                                 pattern=organisation.crime_reference_pattern)
    if errors:
        raise ReportsRejected(errors)
    return store_reports(organisation=organisation, reports=reports, source=LoadSource.CSV,
                         now=now)


@dataclass(frozen=True)
class Provision:
    """Crime reports in a period, and how many of them got a leaflet."""

    unit_name: str  # "" for the whole force
    reports: int
    with_leaflet: int

    @property
    def share(self) -> float | None:
        """with_leaflet / reports, or None when there were no reports (not 0%)."""
        return self.with_leaflet / self.reports if self.reports else None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


# A leaflet carrying a crime reference is given once the crime is recorded, so issues made more
# than this long before a period starts cannot be for the period's reports (slack for clocks).
ISSUED_BEFORE_REPORT_SLACK = timedelta(days=7)


def _given_leaflet(organisation: Organisation, start: date) -> Q:
    """Reports whose reference the force gave a leaflet for.

    One uncorrelated subquery: the database builds the set of the force's issued references once
    (a hashed subplan in PostgreSQL, a temporary index in SQLite) rather than probing the leaflet
    issues once per report; issues from well before the period are skipped.
    """
    issued = (LeafletIssue.objects
              .filter(organisation=organisation,
                      created_at__gte=_day_start(start) - ISSUED_BEFORE_REPORT_SLACK)
              .exclude(crime_reference="").values("crime_reference"))
    return Q(crime_reference__in=issued)


def _reports(organisation: Organisation, start: date, end: date,
             unit_names: Sequence[str] | None,
             units: Sequence[Unit] | None) -> QuerySet[CrimeReport]:
    if end < start:
        raise ValueError("the period ends before it starts")
    reports = CrimeReport.objects.filter(
        organisation=organisation,
        reported_at__gte=_day_start(start),
        reported_at__lt=_day_start(end + timedelta(days=1)),
    )
    if unit_names is not None:
        reports = reports.filter(unit_name__in=list(unit_names))
    if units is not None:
        reports = reports.filter(unit__in=list(units))
    return reports


def provision(*, organisation: Organisation, start: date, end: date,
              unit_names: Sequence[str] | None = None,
              units: Sequence[Unit] | None = None) -> Provision:
    """Reports reported from ``start`` to ``end`` (inclusive, UK days), optionally only those of
    some units (by the name loaded, or by the force's Unit records)."""
    totals = _reports(organisation, start, end, unit_names, units).aggregate(
        reports=Count("pk"), with_leaflet=Count("pk", filter=_given_leaflet(organisation, start)))
    return Provision(unit_name="", reports=totals["reports"], with_leaflet=totals["with_leaflet"])


def provision_by_unit(*, organisation: Organisation, start: date, end: date,
                      unit_names: Sequence[str] | None = None,
                      units: Sequence[Unit] | None = None) -> list[Provision]:
    """The same figures per unit name as loaded, ordered by it (no unit is unit "")."""
    rows = (_reports(organisation, start, end, unit_names, units).values("unit_name")
            .annotate(reports=Count("pk"),
                      with_leaflet=Count("pk", filter=_given_leaflet(organisation, start)))
            .order_by("unit_name"))
    return [Provision(unit_name=row["unit_name"], reports=row["reports"],
                      with_leaflet=row["with_leaflet"]) for row in rows]
