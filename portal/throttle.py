"""Log-in throttling: too many failures for one username, or from one address, in a window
lock further attempts until that window has passed. Counted on the shared counters
(``ratelimits``, sliding windows), so every web process agrees.

Keys are keyed hashes (settings.SECRET_KEY), so the table holds neither usernames nor addresses.
The username is keyed in the form Django authenticates (NFKC, then case-folded) and the address is
the real client's (``ratelimits.client_address``), so neither a look-alike spelling nor a proxy in
front of the service gives an attacker a fresh counter or a shared one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ratelimits.keys import private_key
from ratelimits.windows import SlidingWindow


@dataclass(frozen=True)
class Limits:
    per_username: int
    per_ip: int
    window: timedelta


def limits() -> Limits:
    return Limits(per_username=settings.PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME,
                  per_ip=settings.PORTAL_LOGIN_MAX_FAILURES_PER_IP,
                  window=timedelta(seconds=settings.PORTAL_LOGIN_WINDOW_S))


def _by_username() -> SlidingWindow:
    rules = limits()
    return SlidingWindow(scope="login-username", limit=rules.per_username, window=rules.window)


def _by_ip() -> SlidingWindow:
    rules = limits()
    return SlidingWindow(scope="login-ip", limit=rules.per_ip, window=rules.window)


def canonical_username(username: str) -> str:
    """The username as Django authenticates it (NFKC), case-folded: every way of typing one
    account ("\uff44emo-officer", "Demo-Officer ") counts toward the same lock.

    >>> canonical_username("\uff44emo-Officer ") == canonical_username("demo-officer")
    True
    """
    return unicodedata.normalize("NFKC", username).strip().casefold()


def username_key(username: str) -> str:
    """The keyed hash the counters (and the audit log) name a typed username by."""
    return private_key("username", canonical_username(username))


def _ip_key(ip: str) -> str:
    return private_key("ip", ip)


def is_locked(*, username: str, ip: str, now: datetime | None = None) -> bool:
    """Whether this username or this address has used up its failures in the window."""
    now = now or timezone.now()
    return (_by_username().usage(key=username_key(username), now=now).used_up
            or _by_ip().usage(key=_ip_key(ip), now=now).used_up)


def record_failure(*, username: str, ip: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    _by_username().hit(key=username_key(username), now=now)
    _by_ip().hit(key=_ip_key(ip), now=now)


def clear_username(*, username: str) -> None:
    """A successful log-in clears that username's failures (the address keeps its count)."""
    _by_username().forget(key=username_key(username))


def is_address_locked(*, ip: str, now: datetime | None = None) -> bool:
    """Whether this address has used up its failures (single sign-on has no typed username)."""
    return _by_ip().usage(key=_ip_key(ip), now=now or timezone.now()).used_up


def record_address_failure(*, ip: str, now: datetime | None = None) -> None:
    _by_ip().hit(key=_ip_key(ip), now=now or timezone.now())
