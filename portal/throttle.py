"""Log-in throttling: too many failures for one username, or from one address, in a window
locks further attempts for that window. Counted in the database, so every web process agrees.

Keys are keyed hashes (settings.SECRET_KEY), so the table holds neither usernames nor addresses.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from portal.models import LoginFailure


@dataclass(frozen=True)
class Limits:
    per_username: int
    per_ip: int
    window: timedelta


def limits() -> Limits:
    return Limits(per_username=settings.PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME,
                  per_ip=settings.PORTAL_LOGIN_MAX_FAILURES_PER_IP,
                  window=timedelta(seconds=settings.PORTAL_LOGIN_WINDOW_S))


def _key(kind: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(),
                    hashlib.sha256).hexdigest()


def _keys(username: str, ip: str) -> list[tuple[str, str]]:
    return [("username", _key("username", username.strip().lower())), ("ip", _key("ip", ip))]


def is_locked(*, username: str, ip: str, now: datetime | None = None) -> bool:
    """Whether this username or this address has used up its failures in the window."""
    rules = limits()
    since = (now or timezone.now()) - rules.window
    for (kind, key), limit in zip(_keys(username, ip), (rules.per_username, rules.per_ip),
                                  strict=True):
        if LoginFailure.objects.filter(kind=kind, key=key, at__gte=since).count() >= limit:
            return True
    return False


def record_failure(*, username: str, ip: str) -> None:
    LoginFailure.objects.bulk_create(
        [LoginFailure(kind=kind, key=key) for kind, key in _keys(username, ip)])


def clear_username(*, username: str) -> None:
    """A successful log-in clears that username's failures (the address keeps its count)."""
    kind, key = _keys(username, "")[0]
    LoginFailure.objects.filter(kind=kind, key=key).delete()


def purge_older_than(*, age: timedelta, now: datetime | None = None) -> int:
    deleted, _ = LoginFailure.objects.filter(at__lt=(now or timezone.now()) - age).delete()
    return deleted
