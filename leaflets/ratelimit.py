"""Slowing down link-token guessing: too many unknown tokens from one client get 429 for a while.

Counted per client in the cache, keyed by a keyed hash of the client address (the address itself
is never stored or logged). Once over the limit, every token gets the same 429 — known or not —
so the answer says nothing about which tokens exist. Log lines carry counts only, never tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)
PREFIX = "leaflets.link-failures:"


def client_key(request: HttpRequest) -> str:
    address = str(request.META.get("REMOTE_ADDR", ""))
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:32]


def is_blocked(*, client: str) -> bool:
    failures: int = cache.get(client, 0)
    return failures >= settings.LEAFLET_LINK_FAILURES_PER_WINDOW


def record_failure(*, client: str) -> int:
    """Count one unknown or expired token from this client; the client's count in the window."""
    cache.add(client, 0, timeout=settings.LEAFLET_LINK_FAILURE_WINDOW_S)
    try:
        failures = cache.incr(client)
    except ValueError:  # expired between add and incr
        cache.set(client, 1, timeout=settings.LEAFLET_LINK_FAILURE_WINDOW_S)
        failures = 1
    limit = settings.LEAFLET_LINK_FAILURES_PER_WINDOW
    if failures == limit:
        logger.warning("link tokens: a client reached %d unknown tokens within %d s; "
                       "answering 429 until the window passes", limit,
                       settings.LEAFLET_LINK_FAILURE_WINDOW_S)
    else:
        logger.info("link tokens: unknown or expired token (%d from this client in the window)",
                    failures)
    return int(failures)
