"""Baselines measured in the same run as the figures they sit beside, so a ratio means something
on a noisy machine: a database round trip, the provider stand-ins' bare rates, Huey's bare task
rate and a bare Django request (a 404 through the whole middleware stack)."""

from __future__ import annotations

import smtplib
import statistics
import threading
import time
import urllib.error
import urllib.request
from email.message import EmailMessage

import requests

from benchmarks.stats import timed_ms

DEV_ACCOUNT_SID = "ACdev00000000000000000000000000000"  # the emulator's published dev account
DEV_AUTH_TOKEN = "dev-auth-token"  # noqa: S105 (published development default)


def select_one_ms(runs: int = 200) -> float:
    """Median ``SELECT 1`` round trip on Django's connection (the app database)."""
    from django.db import connection

    def once() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    once()
    return statistics.median(timed_ms(once) for _ in range(runs))


def commit_ms(runs: int = 100) -> float:
    """Median one-row INSERT and COMMIT (the database's durable-write cost: fsync on PostgreSQL;
    SQLite in WAL mode with synchronous=NORMAL does not sync on commit)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_commit (n integer)")

    def once() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_commit (n) VALUES (1)")

    once()
    return statistics.median(timed_ms(once) for _ in range(runs))


def _in_threads(count: int, threads: int, action: object) -> float:
    """Run ``action(n)`` for n in range(count) over ``threads`` threads; the rate per second."""
    assert callable(action)
    lock = threading.Lock()
    todo = iter(range(count))

    def work() -> None:
        while True:
            with lock:
                n = next(todo, None)
            if n is None:
                return
            action(n)

    pool = [threading.Thread(target=work) for _ in range(max(1, threads))]
    start = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return count / (time.perf_counter() - start)


def emulator_rate(base_url: str, *, count: int, threads: int) -> float:
    """Bare sends per second the Twilio emulator accepts (no status callbacks asked for)."""
    url = f"{base_url}/2010-04-01/Accounts/{DEV_ACCOUNT_SID}/Messages.json"
    local = threading.local()

    def send(n: int) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
            session.trust_env = False
        response = session.post(url, auth=(DEV_ACCOUNT_SID, DEV_AUTH_TOKEN), timeout=30, data={
            "To": f"+447700901{n % 1000:03d}", "From": "+447700900000",
            "Body": f"baseline {n} {time.time_ns()}"})
        response.raise_for_status()

    return _in_threads(count, threads, send)


def smtp_rate(host: str, port: int, *, count: int) -> float:
    """Bare mails per second the SMTP sink accepts over one connection."""
    start = time.perf_counter()
    with smtplib.SMTP(host, port, timeout=30) as client:
        for n in range(count):
            mail = EmailMessage()
            mail["From"], mail["To"] = "bench@localhost", f"baseline{n}@example.org"
            mail["Subject"] = "baseline"
            mail.set_content(f"baseline {n}")
            client.send_message(mail)
    return count / (time.perf_counter() - start)


def huey_rate(*, count: int) -> float:
    """Bare tasks per second through the queue and the running consumers (the ping task)."""
    from health.tasks import ping

    start = time.perf_counter()
    results = [ping(n) for n in range(count)]
    try:
        for n, result in enumerate(results):
            if result.get(blocking=True, timeout=120) != n:
                raise RuntimeError("a ping task came back with the wrong answer")
    except Exception as error:  # huey's ResultTimeout: the ping tasks expire after 30 s
        print(f"  (Huey baseline failed: {type(error).__name__})", flush=True)
        return float("nan")
    return count / (time.perf_counter() - start)


def http_get_ms(url: str, runs: int = 100) -> float:
    """Median latency of a plain GET (any status) from this process."""

    def once() -> None:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                response.read()
        except urllib.error.HTTPError as error:
            error.read()

    once()
    return statistics.median(timed_ms(once) for _ in range(runs))


def bare_django_url(web_url: str) -> str:
    """A URL no route matches: Django's whole middleware stack and a 404, nothing else."""
    return f"{web_url}/bench-baseline-404"
