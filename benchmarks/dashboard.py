"""Time the supervisor dashboard's queries (portal.dashboard) at a large force's year.

    .venv/bin/python -m benchmarks.dashboard [--issues 1000000] [--runs 3] [--referrals 200000]

On a fresh SQLite database in a temporary folder (or DATABASE_URL's PostgreSQL, which must be a
throw-away database): one force with 32 units and 400 officers, --issues leaflet issues over a
year (half by SMS with a Message each, a tenth by email, 55% opened, 8% of messages failed),
then the median time of every dashboard table and of the headline for one unit over a month, a
borough supervisor (4 units) over a quarter and the whole force over the year: first counted
live, then again after building the daily summaries (portal.summaries) of the year. With
--referrals, that many referrals of the same year (benchmarks.referral_data: consent records,
needs assessments, 200 officers in the force's units) fill the referral tables first.
(The caseworker's inbox is timed by benchmarks.inbox_queries.)
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from benchmarks.stats import median_ms

BATCH = 5000
UNITS = 32
OFFICERS = 400
LANGUAGES = ["en"] * 12 + ["pl", "ro", "ar", "so", "ur", "bn", "pt", "es", "tr", "uk"]
FAILURES = ["The phone was off for too long", "The number is not in service",
            "The carrier refused the message"]


def _setup() -> str | None:
    """Configure Django on a fresh database; returns the temporary folder made for it, if any."""
    made = None
    if "SIGNPOST_VAR_DIR" not in os.environ:
        made = os.environ["SIGNPOST_VAR_DIR"] = tempfile.mkdtemp(prefix="signpost-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return made


def _fill(issues: int, year_start: datetime) -> tuple[object, list[object]]:
    from django.contrib.auth.models import User

    from leaflets.models import LeafletIssue
    from messaging.models import Message, Recipient
    from organisations.models import Organisation, OrganisationKind, Unit

    force = Organisation.objects.create(slug="bench", name="Bench Force",
                                        kind=OrganisationKind.FORCE)
    units = [Unit.objects.create(organisation=force, name=f"Unit {n:02d}") for n in range(UNITS)]
    User.objects.bulk_create([User(username=f"officer-{n}") for n in range(OFFICERS)])
    officer_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    recipient = Recipient.objects.create(phone="+447700900001")  # one shared: bodies not timed
    rng = random.Random(11)
    seconds = 365 * 24 * 3600
    started = time.perf_counter()
    next_id = (LeafletIssue.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    rows: list[LeafletIssue] = []
    messages: list[Message] = []
    for n in range(issues):
        at = year_start + timedelta(seconds=rng.randrange(seconds))
        draw = rng.random()
        channels = ["qr"] if draw < 0.4 else ["sms"] if draw < 0.9 else ["email"]
        opened = rng.random() < 0.55
        officer = officer_ids[n % OFFICERS]
        rows.append(LeafletIssue(
            id=next_id + n, token_hash=secrets.token_hex(32), language=rng.choice(LANGUAGES),
            content_version="bench", organisation=force, crime_reference="", channels=channels,
            created_at=at, expires_at=at + timedelta(days=90), issued_by_id=officer,
            unit=units[officer % UNITS], status="opened" if opened else "issued",
            first_opened_at=at + timedelta(minutes=5) if opened else None))
        if channels != ["qr"]:
            failed = rng.random() < 0.08
            messages.append(Message(
                channel=channels[0], recipient=recipient, template="leaflet-link",
                body_text="x", idempotency_key=f"leaflet-issue:{next_id + n}:{channels[0]}",
                status="undelivered" if failed else "delivered",
                reason=rng.choice(FAILURES) if failed else "", origin="officer",
                about_type="leaflet-issue", about_id=str(next_id + n)))
        if len(rows) == BATCH:
            LeafletIssue.objects.bulk_create(rows)
            Message.objects.bulk_create(messages)
            rows, messages = [], []
    LeafletIssue.objects.bulk_create(rows)
    Message.objects.bulk_create(messages)
    print(f"  {issues:,} leaflet issues and {Message.objects.count():,} messages written in "
          f"{time.perf_counter() - started:.1f} s")
    return force, list(units)


def _bound(build: Callable[[object], object], scope: object) -> Callable[[], object]:
    """One table on a fresh copy of the scope each run (no memo carried between runs)."""
    return lambda: build(replace(scope, memo={}))  # type: ignore[type-var]


def _whole_page(scope: Any, tables: dict[str, Callable[[Any], object]]) -> None:
    fresh = replace(scope, memo={})
    for build in tables.values():
        build(fresh)


def _time_scopes(scopes: dict[str, Any], tables: dict[str, Callable[[Any], object]], runs: int,
                 how: str) -> None:
    from portal import dashboard

    print(f"== {how}")
    for label, scope in scopes.items():
        issued = dashboard.headline(replace(scope, memo={}))["issued"]
        print(f"{label} ({issued:,} issues): median of {runs} runs")
        for name, build in tables.items():
            print(f"  {name:<20} {median_ms(_bound(build, scope), runs):9.1f} ms")
        page = median_ms(partial(_whole_page, scope, tables), runs)
        print(f"  {'whole page':<20} {page:9.1f} ms  (shared groupings run once)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--referrals", type=int, default=0)
    args = parser.parse_args(argv)
    made = _setup()
    try:
        _run(args)
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)  # a million rows take a gigabyte
    return 0


def _run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.utils import timezone

    from portal import dashboard, dashboard_referrals, dashboard_trend

    print(f"Filling the database ({connection.vendor})")
    force, units = _fill(args.issues, timezone.make_aware(datetime(2025, 1, 1)))
    if args.referrals:
        from benchmarks.referral_data import fill_referrals

        fill_referrals(count=args.referrals, now=timezone.make_aware(datetime(2025, 12, 31, 23)))
    scopes = {
        "one unit, one month": dashboard.Scope(organisation=force,  # type: ignore[arg-type]
                                               units=tuple(units[:1]),  # type: ignore[arg-type]
                                               start=date(2025, 3, 1), end=date(2025, 3, 31)),
        "4 units, one quarter": dashboard.Scope(organisation=force,  # type: ignore[arg-type]
                                                units=tuple(units[:4]),  # type: ignore[arg-type]
                                                start=date(2025, 4, 1), end=date(2025, 6, 30)),
        "whole force, one year": dashboard.Scope(organisation=force,  # type: ignore[arg-type]
                                                 units=tuple(units),  # type: ignore[arg-type]
                                                 start=date(2025, 1, 1), end=date(2025, 12, 31)),
    }
    tables: dict[str, Callable[[Any], object]] = {
        "headline": dashboard.headline,
        "by unit": dashboard.by_unit,
        "by officer": dashboard.by_officer,
        "by channel": dashboard.by_channel,
        "by language": dashboard.by_language,
        "failures": dashboard.failures,
        "consent decisions": dashboard_referrals.consent_decisions,
        "referrals": dashboard_referrals.referral_statuses,
        "needs": dashboard_referrals.needs_and_enhanced,
        "provision": dashboard.provision,
        "trend": dashboard_trend.trend,
        "comparison": dashboard_trend.comparison,
    }
    _time_scopes(scopes, tables, args.runs, "counted live (no summaries)")
    from portal.summaries import summarise_days

    started = time.perf_counter()
    summarise_days(start=date(2025, 1, 1), end=date(2025, 12, 31))
    print(f"Daily summaries of the year built in {time.perf_counter() - started:.1f} s")
    _time_scopes(scopes, tables, args.runs, "from the daily summaries")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
