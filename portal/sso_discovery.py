"""A provider's published configuration (OpenID Connect Discovery) and signing keys (JWKS),
fetched over HTTPS and kept in memory for an hour; the keys are fetched again at once when a
token names a key not yet seen (the provider rotated its keys)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from joserfc.jwk import KeySet

from portal.sso_config import IdentityProvider

CACHE_S = 3600
TIMEOUT_S = 10


class DiscoveryFailed(Exception):
    """The provider's configuration or keys could not be fetched or did not fit."""


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str = ""  # RP-Initiated Logout, when the provider offers it


_lock = threading.Lock()
_metadata: dict[str, tuple[float, ProviderMetadata]] = {}
_keys: dict[str, tuple[float, KeySet]] = {}


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=TIMEOUT_S)
        response.raise_for_status()
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryFailed(f"{url}: {type(error).__name__}") from error
    if not isinstance(body, dict):
        raise DiscoveryFailed(f"{url}: not a JSON object")
    return body


def metadata(provider: IdentityProvider) -> ProviderMetadata:
    with _lock:
        cached = _metadata.get(provider.issuer)
    if cached and time.monotonic() - cached[0] < CACHE_S:
        return cached[1]
    body = _get_json(f"{provider.issuer}/.well-known/openid-configuration")
    try:
        found = ProviderMetadata(issuer=str(body["issuer"]).rstrip("/"),
                                 authorization_endpoint=str(body["authorization_endpoint"]),
                                 token_endpoint=str(body["token_endpoint"]),
                                 jwks_uri=str(body["jwks_uri"]),
                                 end_session_endpoint=str(body.get("end_session_endpoint", "")))
    except KeyError as missing:
        raise DiscoveryFailed(f"the provider's configuration has no {missing}") from None
    # OpenID Connect Discovery 1.0, 4.3: the document must name the issuer it was fetched for.
    if found.issuer != provider.issuer:
        raise DiscoveryFailed("the provider's configuration names another issuer")
    with _lock:
        _metadata[provider.issuer] = (time.monotonic(), found)
    return found


def signing_keys(provider: IdentityProvider, *, refresh: bool = False) -> KeySet:
    with _lock:
        cached = _keys.get(provider.issuer)
    if cached and not refresh and time.monotonic() - cached[0] < CACHE_S:
        return cached[1]
    body = _get_json(metadata(provider).jwks_uri)
    try:
        keys = KeySet.import_key_set(body)  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError) as error:
        raise DiscoveryFailed(f"the provider's keys did not load: {type(error).__name__}") from None
    with _lock:
        _keys[provider.issuer] = (time.monotonic(), keys)
    return keys


def forget() -> None:
    """Drop every cached configuration and key set (tests, or after changing a provider)."""
    with _lock:
        _metadata.clear()
        _keys.clear()
