"""XSS and clickjacking on the portal: hostile text stored through the inputs staff really have
comes back escaped on every page that shows it, and no page may be framed.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings

from organisations.models import Organisation
from portal.scene import LABELS
from referrals.models import Referral
from tests.hardening.hostile import path_segments, url_segment
from tests.hardening.portal_crawl import fill_values, pages
from tests.hardening.stored import stored_state
from tests.portal.conftest import FAST_HASHERS
from tests.portal.factories import World, make_world
from tests.portal.test_roles_by_url import ACCESS, CONVERTER, PUBLIC_PREFIXES, _fill, _walk
from tests.second_factor import enrol, verified_login

pytestmark = pytest.mark.django_db

# Each payload carries a marker word, to find where it is shown once escaped.
UNIT = '<script>alert("xss-unit")</script>'
SERVICE = '<b onmouseover=alert("xss-service")>x</b>'
NOTE = '<svg onload=alert("xss-note")>'
REASON = "</textarea><script>alert('xss-reason')</script>"
CRIME = "<iframe src=javascript:alert('xss-crime')>"
PAYLOADS = {"xss-unit": UNIT, "xss-service": SERVICE, "xss-note": NOTE,
            "xss-reason": REASON, "xss-crime": CRIME}
DANGEROUS = ("<script>alert", "<svg onload", "<iframe src=javascript",
             "<b onmouseover")


@pytest.fixture
def world(db: None, settings: Any, fake_queue: Any) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.SIGNPOST_ALLOW_DRAMA_NUMBERS = True
    return make_world()


def _store_hostile_text(world: World) -> dict[str, str]:
    """Through the inputs each role has: an admin names units and services; an officer
    records needs at the scene (the crime type as it may have been typed); a caseworker writes
    notes and reasons."""
    world.north.name = f"North {UNIT}"
    world.north.save()
    Organisation.objects.filter(pk=world.service.pk).update(name=f"Care {SERVICE}")
    values = fill_values(world)
    officer, caseworker = Client(), Client()
    verified_login(officer, world.officer)
    verified_login(caseworker, world.caseworker)
    scene = officer.post(f"/portal/leaflets/{values['pk']}/scene/", {
        "phone": "07700 900123", "crime_type": "burglary", "decision": "given",
        **{f"q_{key}": "" for key in LABELS}})
    assert scene.status_code == 302, scene.content.decode()[:2000]
    # The officer now picks from a list; a crime type typed before the list (or sent by the
    # API) is still free text and must come back escaped.
    assert officer.post(f"/portal/leaflets/{values['pk']}/scene/", {
        "crime_type": CRIME}).status_code == 200
    referral = Referral.objects.filter(crime_type="burglary").get()
    Referral.objects.filter(pk=referral.pk).update(crime_type=CRIME)
    for path, data in ((f"/portal/referrals/{referral.reference}/note/", {"text": NOTE}),
                       (f"/portal/referrals/{referral.reference}/status/",
                        {"to": "returned", "reason": REASON})):
        assert caseworker.post(path, data).status_code == 302, path
    return {**values, "reference": referral.reference}


def _every_page(world: World, values: dict[str, str]) -> dict[str, str]:
    """Each staff page as each role that may open it sees it, and the admin's lists."""
    shown: dict[str, str] = {}
    for page in pages(world, values):
        client = Client()
        verified_login(client, page.user)
        response = client.get(page.path)
        shown[f"{page.role} {page.path}"] = response.content.decode("utf-8", "replace")
    admin = Client()
    verified_login(admin, world.admin)
    for path in ("/admin/organisations/unit/", "/admin/organisations/organisation/",
                 "/admin/auth/user/", "/admin/referrals/referral/", "/admin/audit/auditevent/"):
        shown[f"admin {path}"] = admin.get(path).content.decode("utf-8", "replace")
    return shown


def test_hostile_text_comes_back_escaped_on_every_page(world: World) -> None:
    shown = _every_page(world, _store_hostile_text(world))
    unescaped = [(where, bad) for where, body in shown.items() for bad in DANGEROUS
                 if bad in body]
    assert not unescaped, unescaped
    # each payload is really shown somewhere (else the check above proves nothing)
    never_shown = [marker for marker in PAYLOADS
                   if not any(marker in body for body in shown.values())]
    assert not never_shown, never_shown
    dashboard = next(body for where, body in shown.items() if "/portal/dashboard/" in where)
    assert "xss-unit" in dashboard  # in the tables and the SVG chart's labels


def _all_paths(world: World) -> list[tuple[Client, str]]:
    values = fill_values(world)
    admin = Client()
    verified_login(admin, world.admin)
    found: list[tuple[Client, str]] = []
    for route, name in _walk(get_resolver().url_patterns):
        # /healthz is for machines (JSON), and its database probe closes the test's connection
        if name == "admin:*" or route == "healthz":
            continue
        found.append((Client(), _fill(route, values)))
    for page in pages(world, values):
        client = Client()
        verified_login(client, page.user)
        found.append((client, page.path))
    found += [(admin, "/admin/"), (Client(), "/portal/login/"), (Client(), "/no-such-page/")]
    return found


def test_no_page_may_be_framed(world: World) -> None:
    unframed = []
    paths = _all_paths(world)
    assert any(p.startswith("/portal/") for _c, p in paths)
    assert any(p[1:].startswith(PUBLIC_PREFIXES) for _c, p in paths)
    for client, path in paths:
        response = client.get(path)
        csp = response.get("Content-Security-Policy", "")
        if response.get("X-Frame-Options") != "DENY" or "frame-ancestors 'none'" not in csp:
            unframed.append(f"{path} ({response.status_code})")
    assert not unframed, unframed



@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(segment=path_segments)
def test_hostile_ids_in_every_staff_url_are_refused_not_500(world: World, segment: str) -> None:
    """Every staff URL with a parameter, as a role that may open it, with a hostile value."""
    by_role = {"officer": world.officer, "supervisor": world.supervisor,
               "caseworker": world.caseworker, "admin": world.admin}
    for user in by_role.values():
        enrol(user)  # before the snapshot: signing in is not what this test watches
    before = stored_state(skip={"audit.auditevent", "sessions.session"})
    tried = 0
    for route, name in _walk(get_resolver().url_patterns):
        if name not in ACCESS or not CONVERTER.search(route):
            continue
        client = Client()
        verified_login(client, by_role[sorted(ACCESS[name])[0]])
        path = "/" + CONVERTER.sub(lambda _m: url_segment(segment), route)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code in (200, 302, 400, 403, 404, 405), (path,
                                                                             response.status_code)
        tried += 1
    assert tried >= 5
    assert stored_state(skip={"audit.auditevent", "sessions.session"}) == before
