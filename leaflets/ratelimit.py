"""Slowing down link-token guessing: too many unknown tokens from one client get 429 for a while.

Counted per client on the shared counters (``ratelimits``, a sliding window every web process
shares), keyed by a keyed hash of the client address (``ratelimits.client_address``: behind trusted
proxies, from X-Forwarded-For; the address itself is never stored or
logged). Once over the limit, every token gets the same 429 — known or not — so the answer says
nothing about which tokens exist. Log lines carry counts only, never tokens.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from ratelimits import client_address
from ratelimits.keys import private_key
from ratelimits.windows import SlidingWindow

logger = logging.getLogger(__name__)


def _failures() -> SlidingWindow:
    return SlidingWindow(scope="link-client", limit=settings.LEAFLET_LINK_FAILURES_PER_WINDOW,
                         window=timedelta(seconds=settings.LEAFLET_LINK_FAILURE_WINDOW_S))


def client_key(request: HttpRequest) -> str:
    return private_key("link-client", client_address.of_request(request))


def is_blocked(*, client: str, now: datetime | None = None) -> bool:
    return _failures().usage(key=client, now=now or timezone.now()).used_up


def record_failure(*, client: str, now: datetime | None = None) -> int:
    """Count one unknown or expired token from this client; the client's count in the window."""
    failures = _failures().hit(key=client, now=now or timezone.now()).count
    limit = settings.LEAFLET_LINK_FAILURES_PER_WINDOW
    if failures == limit:
        logger.warning("link tokens: a client reached %d unknown tokens within %d s; "
                       "answering 429 until the window passes", limit,
                       settings.LEAFLET_LINK_FAILURE_WINDOW_S)
    else:
        logger.info("link tokens: unknown or expired token (%d from this client in the window)",
                    failures)
    return failures
