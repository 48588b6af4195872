"""The second factor: admins, supervisors and caseworkers cannot open a staff page with the
password alone; they enrol an app (QR), get recovery codes once, and give a code each sign-in.
Officers only when the setting says so."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from tests.portal.factories import PASSWORD, World
from tests.second_factor import current_code, enrol


def _sign_in(client: Client, username: str) -> None:
    answer = client.post("/portal/login/", {"username": username, "password": PASSWORD})
    assert answer.headers["Location"] == "/portal/"


def test_a_password_alone_opens_no_staff_page_for_the_enforced_roles(client: Client,
                                                                    world: World) -> None:
    enrol(world.supervisor)
    _sign_in(client, "supervisor-n")
    for path in ("/portal/", "/portal/dashboard/", "/admin/", "/messaging/log/"):
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert answer.headers["Location"].startswith("/portal/login/code/?next="), path


def test_enrolment_shows_a_qr_then_recovery_codes_once_then_each_works_once(
        client: Client, world: World) -> None:
    _sign_in(client, "caseworker")
    assert client.get("/portal/referrals/").headers["Location"].startswith(
        "/portal/login/code/setup/")
    page = client.get("/portal/login/code/setup/?next=/portal/referrals/").content.decode()
    assert "<svg" in page
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page)
    assert secret is not None
    device = TOTPDevice.objects.get(user=world.caseworker, confirmed=False)
    wrong = client.post("/portal/login/code/setup/", {"code": "000000"})
    assert "did not work" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next one wait a second
    done = client.post("/portal/login/code/setup/", {"code": current_code(device),
                                                     "next": "/portal/referrals/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/portal/referrals/").status_code == 200  # verified in this session
    # A second enrolment is refused: whoever holds the password must not replace the app.
    assert client.get("/portal/login/code/setup/").headers["Location"].startswith(
        "/portal/login/code/")
    # Next sign-in: a recovery code works once.
    client.logout()
    for attempt, expected in ((1, "/portal/"), (2, None)):
        _sign_in(client, "caseworker")
        answer = client.post("/portal/login/code/", {"code": codes[0], "next": "/portal/"})
        assert answer.headers.get("Location") == expected, attempt
        client.logout()
    actions = list(AuditEvent.objects.filter(action__startswith="second-factor")
                   .values_list("action", flat=True))
    assert actions == ["second-factor-enrolled", "second-factor", "second-factor-failed"]


def test_a_wrong_code_does_not_verify_and_guessing_is_throttled(client: Client,
                                                               world: World) -> None:
    device = enrol(world.admin)
    _sign_in(client, "admin")
    for _ in range(3):  # the second and third come too soon to be checked at all
        assert "did not work" in client.post("/portal/login/code/",
                                             {"code": "123456"}).content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Even the right code is refused while the device is throttled.
    client.post("/portal/login/code/", {"code": current_code(device)})
    assert client.get("/admin/").status_code == 302


def test_officers_need_no_second_factor_unless_the_setting_says_so(client: Client,
                                                                  world: World) -> None:
    _sign_in(client, "officer-n")
    assert client.get("/portal/give/").status_code == 200
    client.logout()
    with override_settings(SIGNPOST_SECOND_FACTOR_ROLES=["officer", "supervisor"]):
        _sign_in(client, "officer-n")
        assert client.get("/portal/give/").headers["Location"].startswith(
            "/portal/login/code/setup/")


def test_the_rfc_6238_helper_matches_the_devices_own_check(world: World, settings: Any) -> None:
    device = enrol(world.officer)
    assert device.verify_token(current_code(device))
    assert not device.verify_token(f"{(totp(device.bin_key) + 1) % 1_000_000:06d}")
