"""The benchmark scripts run end to end on tiny sizes and print their figures (no timing is
asserted: figures depend on the machine). Each starts real processes on free ports."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from benchmarks import memory
from signpost.launcher.stack import REPO


def _run(*args: str, timeout: float = 600) -> str:
    # Each script on a fresh database of its own: not the scaled run's, nor the test session's
    # var/ folder (tests/settings.py), where an earlier script's rows would still be.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "SIGNPOST_VAR_DIR")}
    done = subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_memory_of_this_process_is_read_from_proc() -> None:
    rss, pss = memory._memory(os.getpid())
    assert rss > 10 * 1024 * 1024
    assert 0 < pss <= rss
    assert os.getpid() in memory._group_pids(os.getpgid(os.getpid()))


@pytest.mark.stack
def test_throughput_runs_and_counts_no_loss_embedded() -> None:
    out = _run("benchmarks.throughput", "--modes", "embedded", "--workers", "1", "--sms", "5",
               "--email", "2")
    assert "Twilio emulator, bare sends" in out
    assert "created -> provider accepted" in out
    # Per provider: drain, live; email once; and the side-by-side table's check line.
    assert out.count("no loss, no duplicate") == 2 * 2 + 1 + 1
    assert "SMS providers side by side" in out
    assert "PROBLEM" not in out


@pytest.mark.stack
def test_cpu_per_message_runs_here_and_against_a_ref() -> None:
    out = _run("benchmarks.cpu_per_message", "--modes", "embedded", "--sms", "5", "--ref", "HEAD")
    assert "ref HEAD (round 1): service CPU-ms per SMS" in out
    assert "this tree (round 1): service CPU-ms per SMS" in out
    assert out.count("5/5 delivered") == 2


@pytest.mark.stack
def test_statements_per_sms_counts_one_send_to_delivered() -> None:
    out = _run("benchmarks.statements_per_sms")
    assert "one SMS end to end (new recipient)" in out
    assert "final status delivered" in out


@pytest.mark.stack
def test_pages_load_runs() -> None:
    out = _run("benchmarks.pages_load", "--seconds", "1", "--rate", "20", "--connections", "2",
               "--web-workers", "1", "--cpu-requests", "20")
    assert "CPU-ms" in out
    assert "token link /l/<token>" in out
    assert "leaflet page /leaflet/en/" in out
    assert "failed 0" in out


@pytest.mark.stack
def test_latency_runs_with_the_assistant() -> None:
    out = _run("benchmarks.latency", "--sends", "3", "--page-runs", "3", "--conversations", "2",
               "--turns", "1")
    assert "send -> provider accepted" in out
    assert "inbound text -> reply Message written" in out
    assert "turns without a reply                          0" in out


@pytest.mark.scaled
def test_bulk_data_generates_and_times_queries() -> None:
    out = _run("benchmarks.bulk_data", "--issues", "2000", "--runs", "1", "--referrals", "600")
    assert "issues: 2,000 rows" in out
    assert "messages: 2,200 rows" in out
    assert "delivered and opened rates per unit" in out
    assert "600 referrals" in out
    assert "inbox flag=landline" in out
    assert "dashboard consent: whole force, one year" in out


def test_inbox_queries_run_on_sqlite() -> None:
    out = _run("benchmarks.inbox_queries", "--referrals", "600", "--runs", "1", "--explain")
    assert "600 referrals" in out
    assert "(sqlite)" in out
    for label in ("inbox status=open (default)", "search by reference", "status counts (badges)",
                  "whole inbox page GET /portal/referrals/", "count(*) referrals (baseline)"):
        assert label in out
    assert "USING INDEX referral_inbox_target_created" in out  # the "after" plans


def test_dashboard_runs_with_referrals() -> None:
    out = _run("benchmarks.dashboard", "--issues", "300", "--runs", "1", "--referrals", "200")
    assert "200 referrals" in out
    assert out.count("consent decisions") == 6  # 3 scopes, live and from the summaries


def test_case_updates_benchmark_runs_on_sqlite() -> None:
    out = _run("benchmarks.case_updates", "--victims", "200", "--events", "400", "--runs", "1")
    assert "200 victims and 400 case events" in out
    assert "updates due: one officer" in out
    assert "MoJ quarterly figures" in out


@pytest.mark.stack
def test_fair_relay_runs_and_relays_every_victim() -> None:
    out = _run("benchmarks.fair_relay", "--flood", "40", "--victims", "3", "--rasa-ms", "5",
               "--gap-ms", "10")
    assert "no flood (baseline)" in out
    assert "with a flood" in out
    assert "victim texts not relayed                       0" in out
