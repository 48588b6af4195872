"""Every staff page a role can reach, in real headless Chromium on that role's usual screen
(the officer on a 390x844 phone, the others on a 1280x800 laptop), with axe-core finding
nothing on any of them.

The pages come from the URL resolver and the access table of ``test_roles_by_url``: each URL
name the role gets into, filled with a real issue, referral and force, and visited when a GET
answers with an HTML page (POST-only actions, CSV downloads and exports are left out). A page
added later is checked here without editing this file.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver
from pytest_django.live_server_helper import LiveServer

from caseupdates.models import VictimCase
from tests.leaflets.cdp import Browser
from tests.portal.browser_steps import axe_violations, log_in
from tests.portal.factories import World, make_issue, make_referral
from tests.portal.test_roles_by_url import ACCESS, PUBLIC_PREFIXES, _fill, _walk
from tests.second_factor import verified_login

PHONE = (390, 844)
LAPTOP = (1280, 800)
SCREEN = {"officer": PHONE, "supervisor": LAPTOP, "caseworker": LAPTOP, "admin": LAPTOP}
# At least these pages are checked (the landing page first), so the walk cannot pass empty.
AT_LEAST = {
    "officer": {"portal:give", "portal:my_leaflets", "portal:scene", "portal:updates_due",
                "portal:case_event", "portal:case_choices"},
    "supervisor": {"portal:dashboard", "portal:dashboard_issues", "portal:dashboard_referrals",
                   "portal:compliance"},
    "caseworker": {"portal:inbox", "portal:referral", "portal:erasure_requests",
                   "portal:erasure_victim"},
    "admin": {"portal:force_setup", "portal:force_officers", "portal:force_translations",
              "portal:erasure_requests", "portal:erasure_victim"},
}


def _pages(client: Client, role: str, values: dict[str, str],
           pks: dict[str, str]) -> dict[str, str]:
    """URL name -> path of each HTML page the role gets with a GET (``pks``: the id a page's
    ``<pk>`` names, where it is not the leaflet issue's)."""
    pages = {}
    for route, name in _walk(get_resolver().url_patterns):
        if (name == "admin:*" or route.startswith(PUBLIC_PREFIXES)
                or role not in ACCESS.get(name, frozenset())):
            continue
        path = _fill(route, values | ({"pk": pks[name]} if name in pks else {}))
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[name] = path
    return pages


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", sorted(SCREEN))
def test_every_page_of_each_role_passes_axe_on_its_screen(
        browser: Browser, live_server: LiveServer, world: World, role: str) -> None:
    issue = make_issue(world, language="pl", crime_reference="01/234567/26")
    referral = make_referral(world)
    values = {"pk": str(issue.pk), "reference": referral.reference, "key": "units",
              "force": world.force.slug, "code": "pl"}
    users: dict[str, User] = {"officer": world.officer, "supervisor": world.supervisor,
                              "caseworker": world.caseworker, "admin": world.admin}
    client = Client()
    verified_login(client, users[role])
    # Ids differ between tables once other tests have used them: each page gets its own.
    case = VictimCase.objects.get(leaflet_issue=issue)
    pks = {"portal:erasure_victim": str(referral.recipient_id),
           "portal:case_choices": str(case.pk), "portal:case_messages": str(case.pk)}
    pages = _pages(client, role, values, pks)
    assert AT_LEAST[role] <= set(pages), sorted(pages)

    width, height = SCREEN[role]
    browser.page("Network.clearBrowserCookies")
    browser.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                 deviceScaleFactor=1, mobile=SCREEN[role] == PHONE)
    violations: dict[str, Any] = {}
    try:
        log_in(browser, live_server.url, users[role].username)
        for name, path in sorted(pages.items()):
            browser.goto(f"{live_server.url}{path}")
            found = axe_violations(browser)
            if found:
                violations[name] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
            if SCREEN[role] == PHONE:
                wide = browser.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    violations[name] = [*violations.get(name, []), ("scrolls sideways", wide)]
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")
    assert not violations, violations
