"""Pointing the official ``twilio`` library at the emulator.

twilio 8.x builds absolute ``https://api.twilio.com/...`` URLs itself; the HTTP client is the
one seam it offers, so this client rewrites those URLs to the emulator's base URL::

    client = emulator_client("http://127.0.0.1:8010")
    client.messages.create(to="+447700900123", from_="+447700900000", body="Hello")
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from emulators.twilio.config import DEV_ACCOUNT_SID, DEV_AUTH_TOKEN


def rewrite_url(url: str, base_url: str) -> str:
    """Send a ``*.twilio.com`` URL to ``base_url`` instead, keeping its path and query.

    >>> rewrite_url("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?To=1",
    ...             "http://127.0.0.1:8010")
    'http://127.0.0.1:8010/2010-04-01/Accounts/AC1/Messages.json?To=1'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host != "twilio.com" and not host.endswith(".twilio.com"):
        return url
    base = urlsplit(base_url)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


class EmulatorHttpClient(TwilioHttpClient):  # type: ignore[misc]  # twilio ships no types
    """twilio's own requests-based client, sending to the emulator and ignoring proxy settings."""

    def __init__(self, base_url: str, *, timeout: float | None = None) -> None:
        super().__init__(pool_connections=True, timeout=timeout)
        self.base_url = base_url
        self.session.trust_env = False  # loopback: never through an HTTP(S)_PROXY

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(method, rewrite_url(url, self.base_url), *args, **kwargs)


def emulator_client(
    base_url: str,
    *,
    account_sid: str = DEV_ACCOUNT_SID,
    auth_token: str = DEV_AUTH_TOKEN,
    timeout: float | None = 10.0,
) -> Any:
    """A ``twilio.rest.Client`` whose every request goes to the emulator at ``base_url``."""
    return Client(
        account_sid,
        auth_token,
        http_client=EmulatorHttpClient(base_url, timeout=timeout),
    )
