"""Time the officer's "updates due" and the supervisor's Victims' Code compliance queries.

    .venv/bin/python -m benchmarks.case_updates [--victims 50000] [--events 100000] [--runs 3]

On a fresh SQLite database in a temporary folder (or DATABASE_URL's PostgreSQL, which must be a
throw-away database): one force with 32 units and 400 officers, --victims leaflet issues with a
crime reference over a year (each a victim case, its SMS Message and crime report; 60% with a
needs assessment), then --events case events spread over the victims, each owing its victim an
update with its deadline (most texted on time, some late, some still open or tasks to call).
Prints the median time of each query beside same-run baselines: a ``SELECT 1`` round trip and
the supervisor dashboard's "by unit" table (portal.dashboard) over the same force and year; the
whole force's year is timed live first, then every case's compliance facts are built and the
compliance queries timed from them.
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
from datetime import UTC, datetime, timedelta
from typing import Any

from benchmarks.stats import median_ms, ratio

BATCH = 5000
UNITS = 32
OFFICERS = 400
KINDS = ["arrested", "interviewed-under-caution", "released-under-investigation", "bailed",
         "charged", "no-further-action", "court-date-set"]
GOAL_MS = 500.0  # the dashboard's latency goal (docs/performance.md)


def _setup() -> str | None:
    made = None
    if "SIGNPOST_VAR_DIR" not in os.environ:
        made = os.environ["SIGNPOST_VAR_DIR"] = tempfile.mkdtemp(prefix="signpost-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return made


def _victims(victims: int, year_start: datetime, rng: random.Random) -> tuple[Any, list[Any]]:
    from django.contrib.auth.models import User

    from caseupdates.deadlines import referral_due_before
    from caseupdates.models import VictimCase
    from crimes.models import CrimeReport
    from leaflets.models import LeafletIssue
    from messaging.models import Message, Recipient
    from organisations.models import Organisation, OrganisationKind, Unit
    from referrals.models import NeedsAssessment

    force = Organisation.objects.create(slug="bench", name="Bench Force",
                                        kind=OrganisationKind.FORCE)
    units = [Unit.objects.create(organisation=force, name=f"Unit {n:02d}") for n in range(UNITS)]
    User.objects.bulk_create([User(username=f"officer-{n}") for n in range(OFFICERS)])
    officers = list(User.objects.order_by("pk").values_list("pk", flat=True))
    recipient = Recipient.objects.create(phone="+447700900001")
    seconds = 365 * 24 * 3600
    for first in range(0, victims, BATCH):
        size = min(BATCH, victims - first)
        issues = []
        for n in range(first, first + size):
            at = year_start + timedelta(seconds=rng.randrange(seconds))
            issues.append(LeafletIssue(
                token_hash=secrets.token_hex(32), language="pl", content_version="bench",
                organisation=force, crime_reference=f"BR/{n:07d}", channels=["sms"],
                created_at=at, expires_at=at + timedelta(days=90),
                issued_by_id=officers[n % OFFICERS], unit=units[n % UNITS]))
        LeafletIssue.objects.bulk_create(issues)  # bulk: no post-save, cases written below
        made = list(LeafletIssue.objects.filter(crime_reference__in=[
            i.crime_reference for i in issues]).values_list("pk", "crime_reference",
                                                             "created_at", "unit_id",
                                                             "issued_by_id"))
        VictimCase.objects.bulk_create([VictimCase(
            organisation=force, crime_reference=ref, leaflet_issue_id=pk, unit_id=unit,
            officer_id=officer, created_at=at, referral_due_before=referral_due_before(at))
            for pk, ref, at, unit, officer in made])
        Message.objects.bulk_create([Message(
            channel="sms", recipient=recipient, template="leaflet-link", body_text="x",
            idempotency_key=f"bench:{pk}", status="delivered", origin="officer",
            about_type="leaflet-issue", about_id=str(pk)) for pk, *_ in made])
        CrimeReport.objects.bulk_create([CrimeReport(
            organisation=force, crime_reference=ref, source="api",
            reported_at=at - timedelta(hours=rng.choice([0, 0, 0, 30, 60])))
            for _pk, ref, at, *_ in made])
        NeedsAssessment.objects.bulk_create([NeedsAssessment(
            leaflet_issue_id=pk, question_set_version="bench", via="officer",
            answers={"vps_offered": rng.choice(["yes", "no"]),
                     "support_wanted": rng.choice(["emotional", "none", "skipped"])})
            for pk, *_ in made if rng.random() < 0.6])
    return force, units


def _events(force: Any, events: int, rng: random.Random) -> None:
    from caseupdates.deadlines import due_at
    from caseupdates.models import CaseEvent, CaseUpdate, VictimCase
    from caseupdates.statuses import UpdateStatus as S

    cases = list(VictimCase.objects.values_list("pk", "crime_reference", "created_at"))
    statuses = [S.TEXTED] * 12 + [S.PENDING, S.CALL_NEEDED, S.CALL_NEEDED, S.GIVEN_BY_PHONE,
                                  S.NOT_WANTED]
    for first in range(0, events, BATCH):
        size = min(BATCH, events - first)
        picked = [cases[(first + n) % len(cases)] for n in range(size)]
        rows = [CaseEvent(organisation=force, crime_reference=ref, kind=rng.choice(KINDS),
                          decided_at=at + timedelta(hours=rng.randrange(1, 24 * 60)),
                          source="api", matched_at=at) for _pk, ref, at in picked]
        CaseEvent.objects.bulk_create(rows)
        made = list(CaseEvent.objects.order_by("-pk").values_list("pk", "decided_at")[:size])
        made.reverse()
        updates = []
        for (event_id, decided), (case_id, _ref, _at) in zip(made, picked, strict=True):
            enhanced = rng.random() < 0.3
            status = rng.choice(statuses)
            due = due_at(decided_at=decided, enhanced=enhanced)
            given = None
            if status in (S.TEXTED, S.GIVEN_BY_PHONE, S.NOT_WANTED):
                given = decided + timedelta(hours=rng.choice([1, 2, 30, 200]))
            updates.append(CaseUpdate(event_id=event_id, case_id=case_id,
                                      enhanced_rights=enhanced, due_at=due,
                                      status=status.value, given_at=given, created_at=decided))
        CaseUpdate.objects.bulk_create(updates)


def _time(label: str, action: Callable[[], object], runs: int, baseline: float) -> float:
    ms = median_ms(action, runs)
    flag = "" if ms < GOAL_MS else f"  over the {GOAL_MS:.0f} ms goal"
    print(f"  {label:<46} {ms:9.1f} ms  ({ratio(ms, baseline)}){flag}")
    return ms


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--victims", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    made = _setup()
    try:
        _run(args)
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
    return 0


def _run(args: argparse.Namespace) -> None:
    from django.contrib.auth.models import User
    from django.db import connection

    from benchmarks.baselines import select_one_ms
    from caseupdates import compliance_facts
    from caseupdates.compliance import Scope as CaseScope
    from caseupdates.compliance import quarterly, table
    from caseupdates.due import due_list
    from caseupdates.models import CaseUpdate, VictimCase
    from portal.dashboard import Scope, by_unit

    rng = random.Random(17)
    now = datetime.now(UTC)
    year_start = now - timedelta(days=365)
    print(f"Filling the database ({connection.vendor})")
    started = time.perf_counter()
    force, units = _victims(args.victims, year_start, rng)
    _events(force, args.events, rng)
    print(f"  {args.victims:,} victims and {CaseUpdate.objects.count():,} case events with "
          f"their updates written in {time.perf_counter() - started:.1f} s")
    officer = User.objects.get(username="officer-0")
    borough = units[:4]

    def dashboard_table() -> object:  # a fresh Scope each run: a Scope memoises its queries
        return by_unit(Scope(organisation=force, units=tuple(units), start=year_start.date(),
                             end=now.date()))

    print(f"Baselines (median of {args.runs} runs)")
    select_one = select_one_ms()
    print(f"  {'SELECT 1':<46} {select_one:9.3f} ms")
    dashboard = median_ms(dashboard_table, args.runs)
    print(f"  {'dashboard by unit, whole force, one year':<46} {dashboard:9.1f} ms")
    print(f"Case updates (median of {args.runs} runs; ratio to the dashboard table)")
    _time("updates due: one officer, 4 units (200 rows)",
          lambda: due_list(officer=officer, units=borough, now=now), args.runs, dashboard)
    by = ("unit", "officer", "month")

    def scope(units: Any, days: int) -> Any:
        return CaseScope(organisation=force, units=units, start=now - timedelta(days=days),
                         end=now, now=now)

    whole_force_live = median_ms(lambda: table(scope((), 365), by=by), args.runs)
    print(f"  {'compliance: whole force, one year (all live)':<46} {whole_force_live:9.1f} ms"
          f"  ({ratio(whole_force_live, dashboard)})")
    started = time.perf_counter()
    built = compliance_facts.refresh(cases=VictimCase.objects.all())
    print(f"  per-case facts of {built:,} cases built in {time.perf_counter() - started:.1f} s"
          " (the nightly rebuild; the minute sweep builds only changed cases')")
    _time("compliance: one unit, one month",
          lambda: table(scope(units[:1], 30), by=by), args.runs, dashboard)
    _time("compliance: borough (4 units), one quarter",
          lambda: table(scope(borough, 91), by=by), args.runs, dashboard)
    _time("compliance page: whole force, one year",
          lambda: table(scope((), 365), by=("unit", "month")), args.runs, dashboard)
    _time("compliance by officer too (CSV): force, year",
          lambda: table(scope((), 365), by=by), args.runs, dashboard)
    _time("MoJ quarterly figures: whole force, one year",
          lambda: quarterly(scope((), 365)), args.runs, dashboard)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
