"""Single sign-on for real in headless Chromium: the portal's "Sign in with ..." button, the
local OpenID Connect provider (emulators/oidc_provider) running as its own process, and back to
the portal signed in; with axe-core on the new pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_django.live_server_helper import LiveServer

from audit.models import AuditEvent
from emulators.oidc_provider.demo import DEMO_PASSWORD
from organisations.roles import Role
from tests.leaflets.cdp import Browser
from tests.portal.browser_steps import axe_violations, submit
from tests.portal.factories import World, make_user
from tests.portal.sso_provider import RunningProvider, running_provider


@pytest.fixture(scope="module")
def provider(live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[RunningProvider]:
    callback = f"{live_server.url}/portal/login/sso/testshire-police/callback/"
    log = Path(tmp_path_factory.mktemp("idp")) / "provider.log"
    with running_provider([callback], log) as running:
        yield running


def _sign_in_at_provider(browser: Browser, base: str, username: str,
                         check_page: bool = False) -> None:
    browser.page("Network.clearBrowserCookies")  # a fresh person: no session at either end
    browser.goto(f"{base}/portal/login/")
    submit(browser, "document.querySelector('.sso-buttons a').click();")
    assert browser.evaluate("document.querySelector('h1').innerText") == \
        "Local identity provider"
    if check_page:
        assert axe_violations(browser) == []
    submit(browser, f"""
        document.getElementById('id_username').value = {json.dumps(username)};
        document.getElementById('id_password').value = {json.dumps(DEMO_PASSWORD)};
        document.querySelector('form button').click();""")


@pytest.mark.django_db(transaction=True)
def test_staff_sign_in_through_the_forces_identity_provider(
        browser: Browser, live_server: LiveServer, provider: RunningProvider, world: World,
        settings: Any) -> None:
    settings.SIGNPOST_OIDC_PROVIDERS = provider.settings_for(world.force.slug)
    settings.SIGNPOST_SECOND_FACTOR_ROLES = ["admin", "supervisor", "caseworker", "officer"]
    make_user("demo-supervisor", Role.SUPERVISOR, world.force, [world.north])
    make_user("demo-officer", Role.OFFICER, world.force, [world.north])
    make_user("demo-caseworker", Role.CASEWORKER, world.service)
    base = live_server.url

    browser.goto(f"{base}/portal/login/")
    assert browser.evaluate("document.querySelector('.sso-buttons a').innerText") == \
        "Sign in with Local ID"
    assert axe_violations(browser) == []

    # The provider says the supervisor used a second factor: no code is asked here.
    _sign_in_at_provider(browser, base, "demo-supervisor", check_page=True)
    assert browser.evaluate("location.pathname") == "/portal/dashboard/"
    assert AuditEvent.objects.filter(action="sso-sign-in",
                                     detail__mfa=True).count() == 1
    # Log out: the provider asks to end its session too, then sends the browser back here.
    submit(browser, "document.querySelector('header form button').click();")
    assert browser.evaluate("document.querySelector('main p').innerText").startswith(
        "Signpost portal asks to sign you out here too")
    assert axe_violations(browser) == []
    submit(browser, "document.querySelector('button[name=allow]').click();")
    assert browser.evaluate("location.pathname") == "/portal/login/"
    browser.goto(f"{base}/portal/dashboard/")
    assert browser.evaluate("location.pathname") == "/portal/login/"
    # The provider's session ended with it: signing in again asks for the password there.
    submit(browser, "document.querySelector('.sso-buttons a').click();")
    assert browser.evaluate("document.getElementById('id_password') !== null")

    # Only a password at the provider: the portal still asks for its own code.
    _sign_in_at_provider(browser, base, "demo-officer")
    assert browser.evaluate("location.pathname").startswith("/portal/login/code/")

    # Known to the provider, unknown to the portal: refused, and the refusal is audited.
    _sign_in_at_provider(browser, base, "demo-stranger")
    assert browser.evaluate("document.querySelector('h1').innerText") == \
        "Sign-in not completed"
    assert "not linked" in browser.evaluate("document.querySelector('main').innerText")
    assert axe_violations(browser) == []
    assert AuditEvent.objects.filter(action="sso-refused", detail__reason="unknown-user").exists()

    # A member of another organisation is refused too.
    _sign_in_at_provider(browser, base, "demo-caseworker")
    assert "not linked" in browser.evaluate("document.querySelector('main').innerText")
    assert AuditEvent.objects.filter(action="sso-refused", detail__reason="other-force").exists()
