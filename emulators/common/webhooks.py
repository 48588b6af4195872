"""POSTing to Signpost's webhooks the way a provider does: with a timeout and a few retries."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

import aiohttp

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_RESPONSE_TEXT = 64 * 1024


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: ``attempts`` in all, waiting ``backoff`` seconds, doubling each time."""

    attempts: int = 4
    backoff: float = 1.0
    timeout: float = 10.0


@dataclass(frozen=True)
class DeliveryResult:
    attempts: int
    status: int | None = None  # the last HTTP status received, None if never answered
    error: str | None = None  # the last connection error's class name, if any
    content_type: str = ""  # of the last answer
    text: str = ""  # of the last answer (Twilio reads TwiML from an inbound webhook's answer)

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


async def post_with_retries(
    session: aiohttp.ClientSession,
    url: str,
    *,
    body: bytes | Mapping[str, str],
    headers: Mapping[str, str],
    policy: RetryPolicy,
    label: str,
) -> DeliveryResult:
    """POST ``body`` (raw bytes, or form fields) to ``url``; retry on connection errors and 5xx.

    ``label`` names the delivery in log lines: an id, never personal data.
    """
    result = DeliveryResult(attempts=0)
    delay = policy.backoff
    for attempt in range(1, policy.attempts + 1):
        result = replace(
            await _post_once(session, url, body=body, headers=headers, policy=policy),
            attempts=attempt,
        )
        if result.status is not None and result.status not in RETRYABLE_STATUSES:
            break
        if attempt < policy.attempts:
            logger.info(
                "webhook %s attempt %d failed (%s); retrying",
                label,
                attempt,
                result.error or result.status,
            )
            await asyncio.sleep(delay)
            delay *= 2
    logger.info("webhook %s: status=%s attempts=%d", label, result.status, result.attempts)
    return result


async def _post_once(
    session: aiohttp.ClientSession,
    url: str,
    *,
    body: bytes | Mapping[str, str],
    headers: Mapping[str, str],
    policy: RetryPolicy,
) -> DeliveryResult:
    data: bytes | dict[str, str] = body if isinstance(body, bytes) else dict(body)
    try:
        async with session.post(
            url,
            data=data,
            headers=dict(headers),
            timeout=aiohttp.ClientTimeout(total=policy.timeout),
            allow_redirects=False,
        ) as response:
            raw = await response.content.read(MAX_RESPONSE_TEXT)
            return DeliveryResult(
                attempts=1,
                status=response.status,
                content_type=response.content_type,
                text=raw.decode(response.charset or "utf-8", errors="replace"),
            )
    except (TimeoutError, aiohttp.ClientError) as exc:
        return DeliveryResult(attempts=1, error=type(exc).__name__)
