"""The daily batch: each service's referrals of one UK day, as a CSV and a JSON file written to
its configured folder (the 24-hourly transfer forces use today).

Files are written to a temporary name and renamed, so a reader never sees half a file, with
owner-only permissions. A referral whose victim's latest consent is not "given" is left out and
logged as refused. Writing a day again replaces its files (and its BatchRun).
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from referrals.models import Referral
from referrals.services import add_note
from referrals.statuses import EventKind
from transfers.auditing import record_transfer
from transfers.consent import may_transfer
from transfers.models import BatchRun, ServiceDestination, TransferAttempt
from transfers.payloads import CSV_COLUMNS, PAYLOAD_VERSION, csv_row, referral_record
from transfers.statuses import AttemptOutcome, TransferKind


@dataclass(frozen=True)
class BatchResult:
    day: date
    csv_path: Path
    json_path: Path
    referrals: int
    refused: int


def file_stem(destination: ServiceDestination, day: date) -> str:
    return f"signpost-referrals-{destination.organisation.slug}-{day.isoformat()}"


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time()))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _csv(records: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(csv_row(record))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read UTF-8


def write_batch(*, destination: ServiceDestination, day: date,
                now: datetime | None = None) -> BatchResult:
    """Write the day's files for one service and log every referral in them (or refused)."""
    if not destination.batch_folder:
        raise ValueError("this service has no batch folder configured")
    now = now or timezone.now()
    folder = Path(destination.batch_folder)
    folder.mkdir(parents=True, exist_ok=True)
    start, end = _day_bounds(day)
    referrals = list(
        Referral.objects.select_related("recipient", "safe_recipient", "consent")
        .filter(target=destination.organisation, created_at__gte=start, created_at__lt=end)
        .order_by("created_at", "pk"))
    allowed = [referral for referral in referrals if may_transfer(referral)]
    allowed_ids = {referral.pk for referral in allowed}
    refused = [referral for referral in referrals if referral.pk not in allowed_ids]
    records = [referral_record(referral) for referral in allowed]
    stem = file_stem(destination, day)
    csv_path, json_path = folder / f"{stem}.csv", folder / f"{stem}.json"
    document = {"type": "referral.batch", "version": PAYLOAD_VERSION,
                "service": destination.organisation.slug, "day": day.isoformat(),
                "generated_at": now.isoformat(), "referrals": records}
    _write_atomically(csv_path, _csv(records))
    _write_atomically(json_path, json.dumps(document, ensure_ascii=False, indent=1,
                                            sort_keys=True).encode("utf-8"))
    with transaction.atomic():
        for referral in referrals:
            outcome = (AttemptOutcome.SUCCEEDED if referral.pk in allowed_ids
                       else AttemptOutcome.REFUSED)
            TransferAttempt.objects.create(
                referral=referral, kind=TransferKind.BATCH, outcome=outcome.value,
                batch_file=stem, started_at=now, finished_at=now,
                error="" if outcome is AttemptOutcome.SUCCEEDED else "no consent on record")
            if outcome is AttemptOutcome.SUCCEEDED:
                add_note(referral=referral, by=None, kind=EventKind.TRANSFER,
                         text=f"Included in the daily batch file {stem}.")
                record_transfer(referral=referral, kind=TransferKind.BATCH,
                                detail={"file": stem}, reason="daily referral batch")
        BatchRun.objects.update_or_create(
            destination=destination, day=day,
            defaults={"referrals": len(allowed), "refused": len(refused),
                      "csv_file": csv_path.name, "json_file": json_path.name, "written_at": now})
    return BatchResult(day=day, csv_path=csv_path, json_path=json_path, referrals=len(allowed),
                       refused=len(refused))


def due_batches(*, now: datetime | None = None) -> list[tuple[ServiceDestination, date]]:
    """Yesterday's batch of each service that has none yet, once the configured hour has come."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.TRANSFER_BATCH_HOUR:
        return []
    yesterday = local.date() - timedelta(days=1)
    done = set(BatchRun.objects.filter(day=yesterday).values_list("destination_id", flat=True))
    return [(destination, yesterday) for destination in
            ServiceDestination.objects.select_related("organisation").filter(active=True)
            .exclude(batch_folder="") if destination.pk not in done]


def run_due_batches(*, now: datetime | None = None) -> list[BatchResult]:
    return [write_batch(destination=destination, day=day, now=now)
            for destination, day in due_batches(now=now)]
