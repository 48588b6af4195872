"""Behind the documented TLS proxy every request's REMOTE_ADDR is the proxy's. One attacker must
not lock every officer out of the log-in, nor give every victim's link a 429: the limiters key
on the client address the trusted proxy forwards."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from leaflets.tokens import new_token
from tests.portal.factories import PASSWORD, World, make_world

PROXY = "10.0.0.2"
ATTACKER = "198.51.100.66"
OFFICER = "203.0.113.10"


@pytest.fixture
def world(db: None, settings: Any) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_world()


def _via_proxy(client: Client, method: str, path: str, client_ip: str, **data: str) -> Any:
    call = client.post if method == "post" else client.get
    return call(path, data or None, REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_ip}")


@override_settings(SIGNPOST_TRUSTED_PROXIES=[f"{PROXY}/32"], PORTAL_LOGIN_MAX_FAILURES_PER_IP=5)
def test_one_attacker_behind_the_proxy_cannot_lock_every_officer_out(world: World) -> None:
    attacker, officer = Client(), Client()
    for n in range(20):
        _via_proxy(attacker, "post", "/portal/login/", ATTACKER, username=f"nobody-{n}",
                   password="wrong")
    locked = _via_proxy(attacker, "post", "/portal/login/", ATTACKER, username="officer-n",
                        password=PASSWORD)
    assert locked.status_code == 200
    assert "_auth_user_id" not in attacker.session
    answer = _via_proxy(officer, "post", "/portal/login/", OFFICER, username="officer-n",
                        password=PASSWORD)
    assert answer.headers.get("Location") == "/portal/", answer.content.decode()[-1500:]


@override_settings(SIGNPOST_TRUSTED_PROXIES=[f"{PROXY}/32"], LEAFLET_LINK_FAILURES_PER_WINDOW=5)
def test_one_scanner_behind_the_proxy_cannot_429_every_victims_link(db: None) -> None:
    real = issue_leaflet(language="en", channels=[IssueChannel.SMS]).token
    scanner, victim = Client(), Client()
    for _ in range(10):
        _via_proxy(scanner, "get", f"/l/{new_token()}", ATTACKER)
    assert _via_proxy(scanner, "get", f"/l/{real}", ATTACKER).status_code == 429
    assert _via_proxy(victim, "get", f"/l/{real}", "203.0.113.77").status_code == 200
