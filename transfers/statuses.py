"""How a referral was transferred, and what came of each attempt."""

from __future__ import annotations

from enum import StrEnum


class TransferKind(StrEnum):
    WEBHOOK = "webhook"  # one signed HTTPS POST per referral
    BATCH = "batch"  # the daily CSV + JSON files


class AttemptOutcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # will be retried
    GAVE_UP = "gave-up"  # failed for the last time, or refused by the receiver (4xx)
    REFUSED = "refused"  # not sent: no recorded consent that is still "given"
