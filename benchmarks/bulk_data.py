"""A million leaflet issues with their messages on PostgreSQL, and supervisor-dashboard queries.

    .venv/bin/python -m benchmarks.bulk_data                  (make bench-bulk)
    .venv/bin/python -m benchmarks.bulk_data --issues 100000 --keep
    .venv/bin/python -m benchmarks.bulk_data --referrals 0    (no referrals, no inbox timings)

In a throwaway PostgreSQL database (migrated with the real schema, dropped at the end unless
--keep): --issues leaflet issues spread over a year, 2,000 officers in 60 units, with one SMS
for 70% and one email for 40% of them (about 1.1 messages per issue, statuses and failure codes
in realistic shares) and "opened" for 45%. Rows are generated inside PostgreSQL
(INSERT ... SELECT generate_series), so a million issues take seconds, not an hour of ORM calls.

Issues carry the officer (``issued_by``) and the unit, with their indexes. Timed:
representative dashboard queries (median of --runs, after one warm-up) beside a ``SELECT 1``
round trip. The dashboard's own queries must be timed with this generator once they exist.

Then, in the same database, --referrals referrals (default 200,000) for six support services
and every query of a caseworker's inbox and the dashboard's referral tables, before and after
the inbox's indexes (``benchmarks.inbox_queries``, run as its own process on this database).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid

import psycopg2

from benchmarks.stats import heading, line, load_conditions, timed_ms
from signpost.launcher.databases import drop_databases, ensure_databases
from signpost.launcher.stack import REPO, Scaled

UNITS, OFFICERS = 60, 2000

GENERATE = [
    ("issues", """
        INSERT INTO leaflets_leafletissue (token_hash, language, content_version, crime_reference,
            channels, status, created_at, expires_at, first_opened_at, issued_by_id, unit_id)
        SELECT md5(i::text) || md5((i + 1)::text),
               (ARRAY['en','en','en','en','pl','ro','ar','ur','pa','so','es','bn'])[1 + i % 12],
               'bench', 'CR/' || i, '["sms"]'::jsonb,
               CASE WHEN i % 20 < 9 THEN 'opened' ELSE 'issued' END,
               now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second',
               now() + interval '90 days',
               CASE WHEN i % 20 < 9 THEN now() - (i % 365) * interval '1 day' END,
               %(first_officer)s + (i::bigint * 7919) % %(officers)s,
               %(first_unit)s + ((i::bigint * 7919) % %(officers)s) % %(units)s
        FROM generate_series(1, %(issues)s) AS i"""),
    ("messages", """
        INSERT INTO messaging_message (id, channel, recipient_id, template, language, subject,
            body_text, body_html, idempotency_key, status, about_type, about_id, origin,
            is_opt_out_confirmation, provider_ref, provider_status, error_code, reason,
            encoding, attempts, check_provider_first, sender, created_at, updated_at)
        SELECT md5(l.id::text || c.channel)::uuid, c.channel, %(recipient)s, 'leaflet-link',
               l.language, '', 'Your leaflet: https://sp.example/l/x', '',
               'bench:' || l.id || ':' || c.channel,
               CASE WHEN l.id % 100 < 85 THEN 'delivered' WHEN l.id % 100 < 90 THEN 'sent'
                    WHEN l.id % 100 < 95 THEN 'undelivered'
                    WHEN l.id % 100 < 98 THEN 'permanent-failure'
                    ELSE 'technical-failure' END,
               'leaflet-issue', l.id::text, 'officer', false, 'SM' || md5(l.id::text), '',
               CASE WHEN l.id % 100 >= 90 THEN (ARRAY['30003','30005','30006','30007','21610'])
                    [1 + l.id % 5] ELSE '' END, '', 'GSM-7', 1, false, '',
               l.created_at, l.created_at
        FROM leaflets_leafletissue l
        CROSS JOIN LATERAL (VALUES ('sms', l.id % 10 < 7), ('email', l.id % 10 >= 6))
            AS c(channel, wanted)
        WHERE c.wanted"""),
]

# Representative supervisor-dashboard queries: the last 30 days unless said otherwise.
QUERIES = {
    "issued per officer, one unit": """
        SELECT issued_by_id, count(*) FROM leaflets_leafletissue
        WHERE unit_id = %(first_unit)s + 7 AND created_at >= now() - interval '30 days'
        GROUP BY issued_by_id""",
    "issued per unit, whole force": """
        SELECT unit_id, count(*) FROM leaflets_leafletissue
        WHERE created_at >= now() - interval '30 days' GROUP BY unit_id""",
    "messages by channel and language": """
        SELECT channel, language, count(*) FROM messaging_message
        WHERE about_type = 'leaflet-issue' AND created_at >= now() - interval '30 days'
        GROUP BY channel, language""",
    "delivered and opened rates per unit": """
        SELECT l.unit_id, count(DISTINCT l.id),
               count(DISTINCT l.id) FILTER (WHERE m.status = 'delivered'),
               count(DISTINCT l.id) FILTER (WHERE l.first_opened_at IS NOT NULL)
        FROM leaflets_leafletissue l
        LEFT JOIN messaging_message m ON m.about_type = 'leaflet-issue' AND m.about_id = l.id::text
        WHERE l.created_at >= now() - interval '30 days' GROUP BY l.unit_id""",
    "failures by reason": """
        SELECT status, error_code, count(*) FROM messaging_message
        WHERE created_at >= now() - interval '30 days'
          AND status IN ('permanent-failure', 'technical-failure', 'temporary-failure',
                         'undelivered')
        GROUP BY status, error_code""",
    "an officer's latest 50 issues": """
        SELECT id, language, status, created_at FROM leaflets_leafletissue
        WHERE issued_by_id = %(first_officer)s + 42 ORDER BY created_at DESC LIMIT 50""",
    "issued per unit per month, whole year": """
        SELECT unit_id, date_trunc('month', created_at), count(*) FROM leaflets_leafletissue
        GROUP BY 1, 2""",
}


SETUP = """
import django; django.setup()
from django.contrib.auth.models import User
from messaging.recipients import recipient_for_phone
from organisations.models import Organisation, Unit
force = Organisation.objects.create(slug="bulk-force", name="Bulk force", kind="force")
units = Unit.objects.bulk_create(Unit(organisation=force, name=f"Unit {n}") for n in range(%d))
officers = User.objects.bulk_create(User(username=f"officer{n}") for n in range(%d))
print(recipient_for_phone(phone="+447700900999").pk, units[0].pk, officers[0].pk)
"""


def _migrate(database_url: str) -> dict[str, int]:
    """Migrate the fresh database and add a force, its units and officers (ids are contiguous:
    bulk_create on PostgreSQL), and one recipient every generated message points to."""
    env = {**os.environ, "DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "signpost.settings"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, str(REPO / "manage.py"), "migrate", "--noinput"], env=env,
                   check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", SETUP % (UNITS, OFFICERS)], env=env, check=True,
                          capture_output=True, text=True, cwd=REPO)
    recipient, unit, officer = (int(n) for n in done.stdout.strip().splitlines()[-1].split())
    return {"recipient": recipient, "first_unit": unit, "first_officer": officer,
            "units": UNITS, "officers": OFFICERS}


def _fill(sql: str, values: dict[str, int]) -> str:
    for key, value in values.items():  # integers only: no quoting needed
        sql = sql.replace(f"%({key})s", str(int(value)))
    return sql


def _median_ms(cursor: psycopg2.extensions.cursor, sql: str, runs: int) -> float:
    def once() -> None:
        cursor.execute(sql)
        cursor.fetchall()

    once()
    return statistics.median(timed_ms(once) for _ in range(runs))


def _inbox(database_url: str, *, referrals: int, runs: int) -> None:
    """The referral inbox's timings on this database, in a Django process of their own."""
    env = {**os.environ, "DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "signpost.settings"}
    env.pop("REDIS_URL", None)
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "benchmarks.inbox_queries", "--referrals",
                    str(referrals), "--runs", str(runs)], env=env, check=True, cwd=REPO)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_data", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--referrals", type=int, default=200_000,
                        help="referrals for the inbox timings (0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the database (prints its URL)")
    args = parser.parse_args(argv)
    base = os.environ.get("SCALED_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    scaled = Scaled(database_url=f"{base.rsplit('/', 1)[0]}/signpost_bulk_{uuid.uuid4().hex[:8]}")
    ensure_databases(scaled)
    try:
        values = {**_migrate(scaled.database_url), "issues": args.issues}
        connection = psycopg2.connect(scaled.database_url.replace("postgres://", "postgresql://"))
        connection.autocommit = True
        cursor = connection.cursor()
        heading(f"generating {args.issues:,} leaflet issues (PostgreSQL)")
        for name, sql in GENERATE:
            start = time.perf_counter()
            cursor.execute(_fill(sql, values))
            line(f"{name}: {cursor.rowcount:,} rows", f"{time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        cursor.execute("ANALYZE")
        line("ANALYZE", f"{time.perf_counter() - start:.1f} s")
        heading(f"dashboard queries, median of {args.runs} runs (goal: under 500 ms)")
        baseline = _median_ms(cursor, "SELECT 1", 50)
        line("SELECT 1 round trip (baseline)", f"{baseline:.2f} ms")
        for label, sql in QUERIES.items():
            ms = _median_ms(cursor, _fill(sql, values), args.runs)
            line(label, f"{ms:9.1f} ms  ({ms / baseline:,.0f}x SELECT 1)")
        connection.close()
        if args.referrals > 0:
            _inbox(scaled.database_url, referrals=args.referrals, runs=args.runs)
        if args.keep:
            print(f"kept: {scaled.database_url}")
    finally:
        if not args.keep:
            drop_databases(scaled)
    print(f"done [{load_conditions()}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
