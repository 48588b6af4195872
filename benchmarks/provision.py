"""Measure the provision query (crime reports matched to leaflet issues) and crime-report loading.

    .venv/bin/python -m benchmarks.provision [--issues 1000000] [--reports 300000] [--runs 5]

On a fresh SQLite database in a temporary folder: one force with four units, --issues leaflet
issues over a year (two thirds carrying a crime reference), --reports crime reports over the same
year (three quarters of them given a leaflet); then the median time of ``provision`` for a month
and for the year, ``provision_by_unit`` for the year, and loading a batch of 1000 reports (the
API's maximum) and a CSV of 10 000. Prints SQLite's query plan for the provision query.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from benchmarks.stats import median_ms

if TYPE_CHECKING:
    from organisations.models import Organisation

BATCH = 5000


def _setup() -> None:
    os.environ.setdefault("SIGNPOST_VAR_DIR", tempfile.mkdtemp(prefix="signpost-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _fill(issues: int, reports: int, year_start: datetime) -> Organisation:
    from django.utils import timezone

    from crimes.models import CrimeReport
    from leaflets.models import LeafletIssue
    from organisations.models import Organisation, OrganisationKind, Unit

    force = Organisation.objects.create(slug="bench", name="Bench Force",
                                        kind=OrganisationKind.FORCE)
    units = [Unit.objects.create(organisation=force, name=name)
             for name in ("North", "South", "East", "West")]
    rng = random.Random(7)
    seconds = 365 * 24 * 3600
    started = time.perf_counter()
    rows = []
    for n in range(issues):
        at = year_start + timedelta(seconds=rng.randrange(seconds))
        reference = f"R{n % reports}/{n}" if n % 3 else ""
        if n % 3 and n < reports * 1.5:
            reference = f"R{n % reports}"
        rows.append(LeafletIssue(token_hash=secrets.token_hex(32), language="en",
                                 content_version="bench", organisation=force,
                                 crime_reference=reference, channels=["qr"], created_at=at,
                                 expires_at=at + timedelta(days=90)))
        if len(rows) == BATCH:
            LeafletIssue.objects.bulk_create(rows)
            rows = []
    LeafletIssue.objects.bulk_create(rows)
    print(f"  {issues:,} leaflet issues written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    now = timezone.now()
    report_rows = []
    for n in range(reports):
        unit = units[n % 4]
        report_rows.append(CrimeReport(
            organisation=force, crime_reference=f"R{n}", unit=unit, unit_name=unit.name,
            reported_at=year_start + timedelta(seconds=rng.randrange(seconds)),
            crime_type="burglary", source="api", loaded_at=now))
        if len(report_rows) == BATCH:
            CrimeReport.objects.bulk_create(report_rows)
            report_rows = []
    CrimeReport.objects.bulk_create(report_rows)
    print(f"  {reports:,} crime reports written in {time.perf_counter() - started:.1f} s")
    return force


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    _setup()
    from django.db import connection
    from django.utils import timezone

    from crimes.services import (
        _given_leaflet,
        _reports,
        load_batch,
        load_csv,
        provision,
        provision_by_unit,
    )

    year_start = timezone.make_aware(datetime(2025, 1, 1))
    print("Filling the database")
    force = _fill(args.issues, args.reports, year_start)
    month = (date(2025, 3, 1), date(2025, 3, 31))
    year = (date(2025, 1, 1), date(2025, 12, 31))
    result = provision(organisation=force, start=year[0], end=year[1])
    print(f"Provision over the year: {result.with_leaflet:,} of {result.reports:,} reports "
          f"({(result.share or 0):.1%}) got a leaflet")
    print(f"Median of {args.runs} runs:")
    timings = {
        "provision, one month": lambda: provision(organisation=force, start=month[0],
                                                  end=month[1]),
        "provision, one year": lambda: provision(organisation=force, start=year[0], end=year[1]),
        "provision by unit, one year": lambda: provision_by_unit(organisation=force,
                                                                  start=year[0], end=year[1]),
    }
    for label, action in timings.items():
        print(f"  {label:<34} {median_ms(action, args.runs):9.1f} ms")
    batch = [{"crime_reference": f"B{n}", "reported_at": "2025-06-01T10:00:00"}
             for n in range(1000)]
    print(f"  {'load an API batch of 1000 reports':<34} "
          f"{median_ms(lambda: load_batch(organisation=force, rows=batch), args.runs):9.1f} ms")
    csv_data = ("crime_reference,reported_at,unit\n" + "".join(
        f"C{n},2025-06-01T10:00:00,North\n" for n in range(10_000))).encode()
    print(f"  {'load a CSV of 10 000 reports':<34} "
          f"{median_ms(lambda: load_csv(organisation=force, data=csv_data), args.runs):9.1f} ms")
    query = (_reports(force, year[0], year[1], None, None)
             .filter(_given_leaflet(force, year[0])).values("pk").query)
    with connection.cursor() as cursor:
        sql, params = query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        print("Query plan:")
        for row in cursor.fetchall():
            print(f"  {row[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
