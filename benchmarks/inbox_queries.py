"""Every query a support caseworker's inbox makes, and the dashboard's referral tables, timed
at 200,000 referrals — before and after the inbox's indexes, in the same run.

    .venv/bin/python -m benchmarks.inbox_queries                      (SQLite, throw-away folder)
    .venv/bin/python -m benchmarks.inbox_queries --referrals 20000 --runs 3
    DATABASE_URL=postgres://…/throwaway .venv/bin/python -m benchmarks.inbox_queries

``make bench-bulk`` runs it on its PostgreSQL database after the million issues. The database
is filled by ``benchmarks.referral_data``. For the largest service (40% of the referrals) every
inbox filter, the search by reference, one page further back, the status counts, opening a
referral (query, events, audit) and the whole inbox and referral pages through Django's test
client are timed: p50 and max of --runs (after one warm-up), next to ``SELECT 1``, a
``count(*)`` of the referrals table and a bare Django request in the same run. First with the
indexes of migration referrals 0003 swapped back to 0002's ("before"), then with them (the
queries themselves are today's in both). With --explain, the plan of each query (PostgreSQL:
EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN) is printed in short.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial
from typing import Any

from benchmarks.stats import heading, line, load_conditions, percentile, timed_ms

# "before" is the schema of referrals/migrations/0002: this index, and none of 0003's.
OLD_INDEX = ("referral", ["target", "status", "created_at"], "referrals_r_target__7cec98_idx")
NEW_INDEXES = ("referral_inbox_target_status", "referral_inbox_target_created",
               "referral_flag_missing_number", "referral_flag_invalid_number",
               "referral_flag_landline", "referral_flag_no_safe_contact",
               "referral_flag_interpreter_need", "referral_dashboard_unit",
               "consent_dashboard_officer", "needs_dashboard_created")


@dataclass(frozen=True)
class Timed:
    label: str
    action: Callable[[], object]
    plan: Any = None  # a QuerySet whose plan --explain prints


def _setup() -> str | None:
    made = None
    if "DATABASE_URL" not in os.environ and "SIGNPOST_VAR_DIR" not in os.environ:
        made = os.environ["SIGNPOST_VAR_DIR"] = tempfile.mkdtemp(prefix="signpost-inbox-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the baseline's 404s
    return made


def _raw(sql: str) -> Callable[[], object]:
    from django.db import connection

    def run() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    return run


def _inbox_queries(world: Any, page: int) -> list[Timed]:
    from django.contrib.auth.models import User

    from portal import inbox
    from referrals.models import Referral
    from referrals.statuses import ReferralStatus

    caseworker = world.caseworkers[0]
    user = User.objects.get(pk=caseworker.user_id)

    def listing(**filters: str) -> Timed:
        label = ", ".join(f"{k}={v}" for k, v in filters.items()) or "status=open (default)"
        queryset = inbox.inbox(membership=caseworker, **{"status": "open", **filters})[:page]
        return Timed(f"inbox {label}", lambda: list(queryset.all()), queryset)

    sample = _sample_reference(caseworker)
    newest = inbox.inbox(membership=caseworker, status="all")
    cursor = newest[min(page * 20, newest.count()) - 1]  # page 21, or the last of a small run
    older = inbox.inbox(membership=caseworker, status="all", before=inbox.page_key(cursor))[:page]
    found = inbox.inbox(membership=caseworker, status="all", search=sample)[:page]
    timed = [listing(), listing(status="all")]
    timed += [listing(status=status.value) for status in ReferralStatus]
    timed += [listing(source="police"), listing(source="self")]
    timed += [listing(flag=flag) for flag in inbox.FLAG_WORDS]
    timed += [
        listing(status="returned", source="self", flag="landline"),
        Timed("inbox page 21 (all, keyset 'older')", lambda: list(older.all()), older),
        Timed("search by reference", lambda: list(found.all()), found),
        Timed("status counts (badges)", lambda: inbox.status_counts(membership=caseworker),
              inbox.status_count_query(membership=caseworker)),
        Timed("open a referral (+ events, audit)", lambda: _open(caseworker, sample, user),
              Referral.objects.filter(target=caseworker.organisation, reference=sample)),
    ]
    smallest = world.caseworkers[-1]
    tiny = inbox.inbox(membership=smallest, status="open")[:page]
    timed.append(Timed("smallest service: inbox default", lambda: list(tiny.all()), tiny))
    return timed


def _sample_reference(caseworker: Any) -> str:
    """The 500th newest referral of the service (a few weeks old), or its oldest."""
    from referrals.models import Referral

    references = (Referral.objects.filter(target=caseworker.organisation)
                  .order_by("-created_at").values_list("reference", flat=True))
    return str(references[min(500, references.count() - 1)])


def _open(caseworker: Any, reference: str, user: Any) -> object:
    from portal import inbox

    referral = inbox.open_referral(membership=caseworker, reference=reference, user=user)
    assert referral is not None
    return list(referral.events.select_related("by").order_by("at", "pk"))


def _pages(world: Any) -> list[Timed]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    caseworker = User.objects.get(pk=world.caseworkers[0].user_id)
    client.force_login(caseworker)
    # Past the second factor, as the caseworker's authenticator app would take them.
    device, _ = TOTPDevice.objects.get_or_create(user=caseworker, name="benchmark",
                                                 defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    sample = _sample_reference(world.caseworkers[0])

    def get(url: str, expected: int = 200) -> Callable[[], object]:
        def run() -> object:
            response = client.get(url)
            assert response.status_code == expected, (url, response.status_code)
            return response

        return run

    return [Timed("whole inbox page GET /portal/referrals/", get("/portal/referrals/")),
            Timed("whole referral page GET", get(f"/portal/referrals/{sample}/")),
            Timed("bare Django request (404, baseline)", get("/portal/no-such-page/", 404))]


def _dashboard(world: Any) -> list[Timed]:
    from django.utils import timezone

    from portal import dashboard, dashboard_referrals

    today = timezone.localdate()
    scopes = {
        "one unit, 30 days": dashboard.Scope(organisation=world.force, units=world.units[:1],
                                             start=today - timedelta(days=30), end=today),
        "whole force, one year": dashboard.Scope(organisation=world.force, units=world.units,
                                                 start=today - timedelta(days=365), end=today),
    }
    tables: dict[str, Callable[[Any], object]] = {
        "referrals": dashboard_referrals.referral_statuses,
        "consent": dashboard_referrals.consent_decisions,
        "needs": dashboard_referrals.needs_and_enhanced,
    }
    return [Timed(f"dashboard {name}: {scope_name}", partial(_fresh, build, scope))
            for scope_name, scope in scopes.items() for name, build in tables.items()]


def _fresh(build: Callable[[Any], object], scope: Any) -> object:
    """One table on a fresh copy of the scope (no grouping remembered from the last run)."""
    return build(replace(scope, memo={}))


def _measure(timed: list[Timed], runs: int) -> dict[str, tuple[float, float]]:
    figures = {}
    for item in timed:
        item.action()
        samples = [timed_ms(item.action) for _ in range(runs)]
        figures[item.label] = (percentile(samples, 0.5), max(samples))
    return figures


def _plan(queryset: Any) -> str:
    """The plan in one line: the scans used (a sequential scan is what to look for)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        text = queryset.explain(analyze=True)
        nodes = [row.strip().lstrip("-> ").split("  (")[0] for row in text.splitlines()
                 if "Scan" in row or "Sort" in row.split("(")[0]]
        return "; ".join(nodes)
    text = queryset.explain()
    return "; ".join(row.split("|--")[-1].strip() for row in text.splitlines()
                     if "SCAN" in row or "SEARCH" in row or "TEMP B-TREE" in row)


def _indexes(*, new: bool) -> None:
    """Put the schema in its state after migration 0003 (new) or before it."""
    from django.db import connection, models

    from referrals.models import ConsentRecord, NeedsAssessment, Referral

    old = models.Index(fields=OLD_INDEX[1], name=OLD_INDEX[2])
    with connection.schema_editor() as editor:
        (editor.remove_index if new else editor.add_index)(Referral, old)
        for model in (Referral, ConsentRecord, NeedsAssessment):
            for index in model._meta.indexes:
                if index.name in NEW_INDEXES:
                    (editor.add_index if new else editor.remove_index)(model, index)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE referrals_referral")
            cursor.execute("ANALYZE referrals_consentrecord")
            cursor.execute("ANALYZE referrals_needsassessment")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inbox_queries",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--referrals", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    args = parser.parse_args(argv)
    made = _setup()
    try:
        _run(args)
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
    print(f"done [{load_conditions()}]")
    return 0


def _run(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.db import connection

    from benchmarks.referral_data import fill_referrals

    heading(f"generating {args.referrals:,} referrals ({connection.vendor})")
    world = fill_referrals(count=args.referrals)
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            for table in ("referral", "referralevent", "consentrecord", "needsassessment"):
                cursor.execute(f"VACUUM ANALYZE referrals_{table}")
    queries = _inbox_queries(world, settings.PORTAL_PAGE_SIZE)
    whole = queries + _pages(world) + _dashboard(world)
    results = {}
    for present in (False, True):
        _indexes(new=present)
        state = "after" if present else "before"
        heading(f"{state} migration referrals 0003 (indexes): p50 / max of {args.runs} runs")
        results[present] = _measure(whole, args.runs)
        if args.explain:
            for item in whole:
                if item.plan is not None:
                    line(f"plan: {item.label}", _plan(item.plan))
    baselines = _measure([Timed("SELECT 1", _raw("SELECT 1")),
                          Timed("count(*) referrals", _raw("SELECT count(*) FROM "
                                                           "referrals_referral"))], 20)
    heading(f"inbox of the largest service ({_share(world)}), PORTAL_PAGE_SIZE "
            f"{settings.PORTAL_PAGE_SIZE}; goal: under 500 ms")
    line("query", "before (p50 / max)      after (p50 / max)")
    for label, (p50, top) in baselines.items():
        line(f"{label} (baseline)", f"{p50:9.2f} / {top:9.2f} ms")
    for item in whole:
        (b50, bmax), (a50, amax) = results[False][item.label], results[True][item.label]
        line(item.label, f"{b50:9.1f} / {bmax:9.1f} ms   {a50:9.1f} / {amax:9.1f} ms")


def _share(world: Any) -> str:
    from referrals.models import Referral

    mine = Referral.objects.filter(target=world.services[0]).count()
    return f"{mine:,} of {world.referrals:,} referrals"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
