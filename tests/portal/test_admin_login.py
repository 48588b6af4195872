"""One sign-in for the portal and the admin: /admin/login/ has no form of its own, so the admin
is throttled, audited and locked exactly like the portal; look-alike spellings of a username
count toward the same lock."""

from __future__ import annotations

from django.test import Client, override_settings

from audit.models import AuditEvent
from tests.portal.factories import PASSWORD, World
from tests.second_factor import current_code, enrol


def _admin_login(client: Client, username: str, password: str, ip: str = "192.0.2.1") -> str:
    """Sign in the way the admin asks: follow /admin/login/ to its form and post there."""
    form_url = client.get("/admin/login/?next=/admin/", REMOTE_ADDR=ip).headers["Location"]
    page = client.post(form_url, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return page.headers.get("Location", "") or page.content.decode()


def _portal_login(client: Client, username: str, password: str, ip: str = "192.0.2.1") -> str:
    page = client.post("/portal/login/", {"username": username, "password": password},
                       REMOTE_ADDR=ip)
    return page.headers.get("Location", "") or page.content.decode()


def test_the_admin_log_in_page_is_the_portals(client: Client, world: World) -> None:
    answer = client.get("/admin/login/?next=/admin/auth/user/")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/portal/login/?next=%2Fadmin%2Fauth%2Fuser%2F"
    outside = client.get("/admin/login/?next=https://evil.example/")
    assert outside.headers["Location"] == "/portal/login/?next=%2Fadmin%2F"


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME=5, PORTAL_LOGIN_MAX_FAILURES_PER_IP=50)
def test_25_wrong_passwords_at_the_admin_then_the_right_one_does_not_get_in(
        client: Client, world: World) -> None:
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # the admin's own form is gone
    assert "_auth_user_id" not in client.session
    for _ in range(25):  # the attack, replayed at the form the admin sends people to
        _portal_login(client, "admin", "wrong")
    assert "Too many failed log-ins" in _portal_login(client, "admin", PASSWORD)
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login-failed").count() == 5
    assert AuditEvent.objects.filter(action="login-throttled").count() >= 20


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_IP=4)
def test_an_address_locked_on_the_portal_is_locked_on_the_admin(client: Client,
                                                                world: World) -> None:
    for n in range(4):
        _portal_login(client, f"nobody-{n}", "wrong", ip="198.51.100.7")
    assert "Too many failed log-ins" in _admin_login(client, "admin", PASSWORD, ip="198.51.100.7")
    assert "_auth_user_id" not in client.session


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME=3)
def test_a_fullwidth_spelling_of_a_username_counts_toward_the_same_lock(
        client: Client, world: World) -> None:
    fullwidth = "\uff4f\uff46\uff46\uff49\uff43\uff45\uff52-\uff4e"
    for spelling in ("\uff4ffficer-n", "OFFICER-N", fullwidth):
        assert "Please enter a correct username" in _portal_login(client, spelling, "wrong")
    assert "Too many failed log-ins" in _portal_login(client, "\uff4ffficer-n", PASSWORD,
                                                       ip="203.0.113.5")
    assert "_auth_user_id" not in client.session


def test_an_admin_signs_in_through_it_and_lands_on_the_admin(client: Client,
                                                             world: World) -> None:
    device = enrol(world.admin)
    assert _admin_login(client, "admin", PASSWORD) == "/admin/"
    step = client.get("/admin/")
    assert step.headers["Location"] == "/portal/login/code/?next=%2Fadmin%2F"
    answer = client.post(step.headers["Location"], {"code": current_code(device)})
    assert answer.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_non_admin_signed_in_is_told_so_not_sent_round_in_a_loop(client: Client,
                                                                   world: World) -> None:
    client.force_login(world.officer)
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_failures_name_the_account_only_by_a_keyed_hash(client: Client, world: World) -> None:
    _portal_login(client, "officer-n", "wrong")
    _portal_login(client, "\uff2f\uff26\uff26\uff29\uff23\uff25\uff32-\uff2e", "wrong")
    keys = [event.detail["username_key"] for event in AuditEvent.objects.filter(
        action="login-failed")]
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert "officer" not in keys[0].lower()
