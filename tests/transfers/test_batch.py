"""The daily batch: CSV and JSON files per service per day, consent checked, each export logged."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from audit.models import AuditEvent
from referrals.models import Referral
from referrals.services import withdraw_consent
from referrals.statuses import ConsentChannel
from transfers.batch import due_batches, run_due_batches, write_batch
from transfers.models import BatchRun, TransferAttempt
from transfers.payloads import CSV_COLUMNS

LONDON = ZoneInfo("Europe/London")


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_the_days_referrals_are_written_as_csv_and_json(destination, make_referral):
    first = make_referral()
    second = make_referral(phone="+447700900322")
    result = write_batch(destination=destination, day=timezone.localdate())
    assert (result.referrals, result.refused) == (2, 0)
    rows = read_csv(result.csv_path)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["reference"] for row in rows] == [first.reference, second.reference]
    assert rows[0]["phone"] == "+447700900321"
    assert rows[0]["consent_decision"] == "given"
    document = json.loads(result.json_path.read_text())
    assert document["service"] == "care"
    assert [r["reference"] for r in document["referrals"]] == [first.reference, second.reference]
    for path in (result.csv_path, result.json_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert TransferAttempt.objects.filter(kind="batch", outcome="succeeded").count() == 2
    assert AuditEvent.objects.filter(action="export").count() == 2


def test_a_referral_without_consent_is_left_out_and_logged(destination, make_referral):
    kept = make_referral()
    dropped = make_referral(phone="+447700900322")
    withdraw_consent(recipient=dropped.recipient, language="en", channel=ConsentChannel.SMS)
    result = write_batch(destination=destination, day=timezone.localdate())
    assert (result.referrals, result.refused) == (1, 1)
    assert [row["reference"] for row in read_csv(result.csv_path)] == [kept.reference]
    assert dropped.reference not in result.json_path.read_text()
    assert TransferAttempt.objects.get(referral=dropped).outcome == "refused"


def test_other_days_are_not_included(destination, make_referral):
    make_referral()
    result = write_batch(destination=destination, day=timezone.localdate() - timedelta(days=1))
    assert result.referrals == 0
    assert read_csv(result.csv_path) == []


def test_a_cell_never_starts_a_formula(destination, make_referral):
    referral = make_referral()
    Referral.objects.filter(pk=referral.pk).update(crime_type="=HYPERLINK(\"x\")")
    result = write_batch(destination=destination, day=timezone.localdate())
    assert read_csv(result.csv_path)[0]["crime_type"].startswith("'=")


def test_the_batch_is_due_once_a_day_after_the_set_hour(destination, make_referral):
    before = datetime(2026, 3, 2, 1, 0, tzinfo=LONDON)
    after = datetime(2026, 3, 2, 3, 0, tzinfo=LONDON)
    with override_settings(TRANSFER_BATCH_HOUR=2):
        assert due_batches(now=before) == []
        [(due, day)] = due_batches(now=after)
        assert (due, day.isoformat()) == (destination, "2026-03-01")
        run_due_batches(now=after)
        assert due_batches(now=after) == []
    assert BatchRun.objects.get().day.isoformat() == "2026-03-01"


def test_the_command_writes_a_given_day(destination, make_referral):
    make_referral()
    out = io.StringIO()
    call_command("transfer_referrals", "--day", timezone.localdate().isoformat(), stdout=out)
    assert "1 referral(s)" in out.getvalue()
    assert BatchRun.objects.get().referrals == 1
