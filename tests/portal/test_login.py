"""Log-in: argon2, throttling per username and per address, security headers and CSP."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from tests.portal.factories import PASSWORD, World


def _login(client: Client, username: str, password: str, ip: str = "192.0.2.1") -> str:
    page = client.post("/portal/login/", {"username": username, "password": password},
                       REMOTE_ADDR=ip)
    return page.headers.get("Location", "") or page.content.decode()


def test_passwords_are_hashed_with_argon2(world: World) -> None:  # real hasher (conftest)
    assert User.objects.get(pk=world.officer.pk).password.startswith("argon2")


def test_a_good_log_in_lands_on_the_roles_page(client: Client, world: World) -> None:
    assert _login(client, "officer-n", PASSWORD) == "/portal/"
    assert client.get("/portal/").headers["Location"] == "/portal/give/"


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME=3)
def test_too_many_failures_lock_the_username_even_with_the_right_password(
        client: Client, world: World) -> None:
    for _ in range(3):
        assert "Please enter a correct username" in _login(client, "officer-n", "wrong")
    answer = _login(client, "officer-n", PASSWORD, ip="192.0.2.99")
    assert "Too many failed log-ins" in answer
    assert "_auth_user_id" not in client.session
    # Another user from the first address is not locked (the address limit is higher).
    assert _login(client, "supervisor-n", PASSWORD) == "/portal/"


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_IP=4)
def test_too_many_failures_from_one_address_lock_it(client: Client, world: World) -> None:
    for n in range(4):
        _login(client, f"nobody-{n}", "wrong", ip="198.51.100.7")
    assert "Too many failed log-ins" in _login(client, "officer-n", PASSWORD, ip="198.51.100.7")
    assert _login(client, "officer-n", PASSWORD, ip="198.51.100.8") == "/portal/"


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME=3)
def test_a_good_log_in_clears_the_usernames_failures(client: Client, world: World) -> None:
    for _ in range(2):
        _login(client, "officer-n", "wrong")
    assert _login(client, "officer-n", PASSWORD) == "/portal/"
    client.logout()
    for _ in range(2):
        _login(client, "officer-n", "wrong")
    assert _login(client, "officer-n", PASSWORD) == "/portal/"


def test_log_in_needs_csrf(world: World) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/portal/login/", {"username": "officer-n", "password": PASSWORD}
                       ).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/portal/login/", "/leaflet/", "/admin/login/"])
def test_every_page_carries_a_csp_without_inline_script_and_no_framing(client: Client,
                                                                       path: str) -> None:
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_sessions_expire(settings: object) -> None:
    from django.conf import settings as django_settings

    assert django_settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_log_ins_and_failures_are_audited_without_the_typed_username(client: Client,
                                                                    world: World) -> None:
    from audit.models import AuditEvent

    _login(client, "officer-n", "wrong")
    _login(client, "officer-n", PASSWORD)
    failed = AuditEvent.objects.get(action="login-failed")
    assert failed.actor_username == ""
    assert "officer-n" not in str(failed.detail)
    ok = AuditEvent.objects.get(action="login")
    assert (ok.actor_id, ok.role) == (world.officer.pk, "officer")
