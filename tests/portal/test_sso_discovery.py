"""The provider's configuration: fetched once an hour, and refused when it names another issuer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from portal import sso_discovery
from tests.portal.sso_tokens import ISSUER, provider


class _Response:
    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body

    def raise_for_status(self) -> None:
        pass

    def json(self) -> dict[str, Any]:
        return self.body


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The URLs fetched; the provider publishes a configuration naming ``ISSUER``."""
    sso_discovery.forget()
    fetched: list[str] = []
    body = {"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/jwks"}

    def get(url: str, timeout: float) -> _Response:
        fetched.append(url)
        return _Response(body)

    monkeypatch.setattr(requests, "get", get)
    yield fetched
    sso_discovery.forget()


def test_the_configuration_is_fetched_once_and_kept(published: list[str]) -> None:
    first = sso_discovery.metadata(provider())
    assert sso_discovery.metadata(provider()) == first
    assert first.token_endpoint == f"{ISSUER}/token"
    assert published == [f"{ISSUER}/.well-known/openid-configuration"]


def test_a_configuration_naming_another_issuer_is_refused(published: list[str]) -> None:
    with pytest.raises(sso_discovery.DiscoveryFailed):
        sso_discovery.metadata(provider(issuer="https://id.elsewhere.example"))
