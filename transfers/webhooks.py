"""Send one referral to its service's webhook: signed, logged as a TransferAttempt, retried with
back-off on a network error, a timeout, 408, 429 or 5xx; another 4xx is final.

The HTTP call runs outside any database transaction. The receiver may see a referral twice (a
retry after a lost answer): the body's ``referral.id`` is stable, for it to deduplicate.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from messaging.retry import backoff_seconds
from referrals.models import Referral
from referrals.services import add_note
from referrals.statuses import EventKind
from transfers.auditing import record_transfer
from transfers.consent import may_transfer
from transfers.models import ServiceDestination, TransferAttempt
from transfers.payloads import webhook_body
from transfers.signing import HEADER, sign
from transfers.statuses import AttemptOutcome, TransferKind

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class WebhookOutcome:
    outcome: AttemptOutcome | None  # None: nothing to do (no webhook, or already delivered)
    retry_in_s: float | None = None


@dataclass(frozen=True)
class HttpResult:
    status: int | None  # None: no HTTP answer (network error, timeout)
    error: str = ""


def url_allowed(url: str) -> bool:
    scheme = urlsplit(url).scheme
    return scheme == "https" or (scheme == "http" and settings.TRANSFER_ALLOW_HTTP)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a success: following it would turn the POST into a GET."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def post(*, url: str, body: bytes, headers: dict[str, str], timeout_s: float) -> HttpResult:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirects())
    try:
        with opener.open(request, timeout=timeout_s) as response:
            return HttpResult(status=response.status)
    except urllib.error.HTTPError as error:
        return HttpResult(status=error.code, error=f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return HttpResult(status=None, error=type(error).__name__)


def _destination(referral: Referral) -> ServiceDestination | None:
    destination = ServiceDestination.objects.filter(organisation=referral.target_id).first()
    return destination if destination is not None and destination.has_webhook else None


def _finish(attempt: TransferAttempt, outcome: AttemptOutcome, result: HttpResult,
            now: datetime) -> None:
    attempt.outcome = outcome.value
    attempt.http_status = result.status
    attempt.error = result.error[:200]
    attempt.finished_at = now
    attempt.save(update_fields=["outcome", "http_status", "error", "finished_at"])


def deliver(*, referral_id: str, attempt: int) -> WebhookOutcome:
    """Make attempt number ``attempt`` to post the referral; say whether to retry and when."""
    referral = (Referral.objects.select_related("recipient", "safe_recipient", "consent")
                .filter(pk=referral_id).first())
    if referral is None:
        return WebhookOutcome(None)
    destination = _destination(referral)
    if destination is None or TransferAttempt.objects.filter(
            referral=referral, kind=TransferKind.WEBHOOK,
            outcome=AttemptOutcome.SUCCEEDED).exists():
        return WebhookOutcome(None)
    record = TransferAttempt.objects.create(referral=referral, kind=TransferKind.WEBHOOK,
                                            attempt=attempt, outcome=AttemptOutcome.FAILED)
    if not may_transfer(referral):
        _finish(record, AttemptOutcome.REFUSED, HttpResult(None, "no consent on record"),
                timezone.now())
        return WebhookOutcome(AttemptOutcome.REFUSED)
    if not url_allowed(destination.webhook_url):
        _finish(record, AttemptOutcome.GAVE_UP, HttpResult(None, "webhook URL is not https"),
                timezone.now())
        return WebhookOutcome(AttemptOutcome.GAVE_UP)
    body = webhook_body(referral, attempt=attempt)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Signpost-Transfers/1",
        HEADER: sign(secret=destination.webhook_secret, timestamp=int(time.time()), body=body),
        "Idempotency-Key": f"referral-{referral.pk}",
    }
    result = post(url=destination.webhook_url, body=body, headers=headers,
                  timeout_s=settings.TRANSFER_TIMEOUT_S)
    now = timezone.now()
    if result.status is not None and 200 <= result.status < 300:
        with transaction.atomic():
            _finish(record, AttemptOutcome.SUCCEEDED, result, now)
            add_note(referral=referral, by=None, kind=EventKind.TRANSFER,
                     text=f"Sent to the service's webhook (attempt {attempt}).")
            record_transfer(referral=referral, kind=TransferKind.WEBHOOK,
                            detail={"attempt": attempt, "http_status": result.status},
                            reason="referral sent to the support service")
        return WebhookOutcome(AttemptOutcome.SUCCEEDED)
    retryable = result.status is None or result.status in RETRYABLE_STATUSES
    if retryable and attempt < settings.TRANSFER_WEBHOOK_MAX_ATTEMPTS:
        _finish(record, AttemptOutcome.FAILED, result, now)
        logger.warning("referral webhook attempt %s failed (%s); retrying", attempt,
                       result.error or result.status)
        wait = backoff_seconds(attempt=attempt, base=settings.TRANSFER_RETRY_BASE_S,
                               cap=settings.TRANSFER_RETRY_CAP_S)
        return WebhookOutcome(AttemptOutcome.FAILED, retry_in_s=wait)
    _finish(record, AttemptOutcome.GAVE_UP, result, now)
    logger.error("referral webhook gave up after attempt %s (%s)", attempt,
                 result.error or result.status)
    return WebhookOutcome(AttemptOutcome.GAVE_UP)
