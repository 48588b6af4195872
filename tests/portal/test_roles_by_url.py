"""Every URL, with every role (and nobody logged in): who gets in.

The URL list comes from the resolver, so a new URL fails this test until it is added to
ACCESS (portal and staff pages, by role) or PUBLIC (pages for victims, webhooks, machine APIs).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.portal.factories import World, make_issue, make_referral
from tests.second_factor import verified_login

ROLES = ("officer", "supervisor", "caseworker", "admin")
ANYONE = frozenset(ROLES)

# Public by design: victims' pages, provider webhooks (signed), the health probe, machine APIs
# (API keys), log-in and log-out, operators' metrics (private network only). Matched by route
# prefix.
PUBLIC_PREFIXES = ("healthz", "webhooks/", "leaflet/", "l/", "api/", "chat/", "portal/login/",
                   "portal/logout/", "admin/login/", "static/", "metrics",
                   "^(?P<code>")  # the last: a code typed from a QR

# Staff pages by URL name: the roles that get in.
ACCESS: dict[str, frozenset[str]] = {
    "portal:home": ANYONE,
    "portal:give": frozenset({"officer"}),
    "portal:my_leaflets": frozenset({"officer"}),
    "portal:resend": frozenset({"officer"}),
    "portal:scene": frozenset({"officer"}),
    "portal:updates_due": frozenset({"officer"}),
    "portal:update_by_phone": frozenset({"officer"}),
    "portal:case_event": frozenset({"officer"}),
    "portal:case_choices": frozenset({"officer"}),
    "portal:case_messages": frozenset({"officer"}),
    "portal:compliance": frozenset({"supervisor"}),
    "portal:compliance_cases": frozenset({"supervisor"}),
    "portal:compliance_csv": frozenset({"supervisor"}),
    "portal:dashboard": frozenset({"supervisor"}),
    "portal:dashboard_csv": frozenset({"supervisor"}),
    "portal:dashboard_issues": frozenset({"supervisor"}),
    "portal:dashboard_referrals": frozenset({"supervisor"}),
    "portal:inbox": frozenset({"caseworker"}),
    "portal:referral": frozenset({"caseworker"}),
    "portal:referral_contact": frozenset({"caseworker"}),
    "portal:referral_status": frozenset({"caseworker"}),
    "portal:referral_note": frozenset({"caseworker"}),
    "portal:referral_assign": frozenset({"caseworker"}),
    "portal:force_setup_home": frozenset({"admin"}),
    "portal:force_setup": frozenset({"admin"}),
    "portal:force_settings": frozenset({"admin"}),
    "portal:force_crime_reference": frozenset({"admin"}),
    "portal:force_officers": frozenset({"admin"}),
    "portal:force_officers_preview": frozenset({"admin"}),
    "portal:force_officers_apply": frozenset({"admin"}),
    "portal:force_translations": frozenset({"admin"}),
    "portal:force_translations_export": frozenset({"admin"}),
    "portal:force_translations_import": frozenset({"admin"}),
    "portal:force_translations_publishing": frozenset({"admin"}),
    "portal:erasure_requests": frozenset({"caseworker", "admin"}),
    "portal:erasure_find": frozenset({"caseworker", "admin"}),
    "portal:erasure_victim": frozenset({"caseworker", "admin"}),
    "portal:erasure_erase": frozenset({"caseworker", "admin"}),
    # The delivery log needs the messaging permissions: only the admin has them by default.
    "messaging:message_log": frozenset({"admin"}),
    "messaging:message_log_csv": frozenset({"admin"}),
    "messaging:subject_log": frozenset({"admin"}),
    "messaging:subject_log_csv": frozenset({"admin"}),
}
# Django's admin: every page needs is_staff (only the admin role); its index stands for all.
ADMIN_SAMPLE = ("admin/", "admin/audit/auditevent/", "admin/auth/user/",
                "admin/organisations/unit/")

CONVERTER = re.compile(r"<(?:(?P<type>\w+):)?(?P<name>\w+)>")


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "",
          namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if route.startswith("^") or route == "admin/":
                yield f"{prefix}{route}", "admin:*"
                continue
            yield from _walk(pattern.url_patterns, prefix + route, ns)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield f"{prefix}{route}", name


def _fill(route: str, values: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        kind, name = match.group("type") or "str", match.group("name")
        if name in values:
            return values[name]
        return {"int": "1", "uuid": str(uuid.uuid4()), "slug": "x"}.get(kind, "x")

    return "/" + CONVERTER.sub(one, route)


def _got_in(client: Client, path: str) -> bool:
    response = client.get(path)
    if response.status_code == 405:
        response = client.post(path, {})
    if response.status_code in (401, 403):
        return False
    location = response.headers.get("Location", "")
    return not (response.status_code == 302 and "login" in location)


def test_every_url_is_either_public_or_has_an_access_rule() -> None:
    unknown = []
    for route, name in _walk(get_resolver().url_patterns):
        if name == "admin:*" or route.startswith(PUBLIC_PREFIXES):
            continue
        if name not in ACCESS:
            unknown.append(f"{route} ({name})")
    assert not unknown, f"add these to ACCESS or PUBLIC_PREFIXES: {unknown}"


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_each_role_gets_into_exactly_its_pages(client: Client, world: World, role: str) -> None:
    issue = make_issue(world)
    referral = make_referral(world)
    values = {"pk": str(issue.pk), "reference": referral.reference, "key": "units",
              "about_type": "leaflet-issue", "about_id": str(issue.pk),
              "force": world.force.slug, "code": "pl"}
    users: dict[str, User] = {"officer": world.officer, "supervisor": world.supervisor,
                              "caseworker": world.caseworker, "admin": world.admin}
    if role != "anonymous":
        verified_login(client, users[role])
    wrong = []
    for route, name in _walk(get_resolver().url_patterns):
        if name == "admin:*" or route.startswith(PUBLIC_PREFIXES) or name not in ACCESS:
            continue
        path = _fill(route, values)
        expected = role in ACCESS[name]
        if _got_in(client, path) != expected:
            wrong.append(f"{path} ({name}): expected {'in' if expected else 'out'}")
    for path in ADMIN_SAMPLE:
        expected = role == "admin"
        if _got_in(client, "/" + path) != expected:
            wrong.append(f"/{path}: expected {'in' if expected else 'out'}")
    assert not wrong, wrong


def test_a_caseworker_of_another_service_cannot_open_the_referral(client: Client,
                                                                  world: World) -> None:
    from organisations.models import Organisation, OrganisationKind
    from organisations.roles import Role
    from tests.portal.factories import make_user

    other = Organisation.objects.create(slug="elsewhere", name="Elsewhere Care",
                                        kind=OrganisationKind.SUPPORT_SERVICE)
    stranger = make_user("stranger", Role.CASEWORKER, other)
    referral = make_referral(world)
    verified_login(client, stranger)
    assert client.get(f"/portal/referrals/{referral.reference}/").status_code == 404
    assert referral.reference not in client.get("/portal/referrals/?status=all").content.decode()


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_a_portal_session_opens_no_api_endpoint(client: Client, world: World, role: str) -> None:
    """The API answers only API keys: a logged-in portal user gets nothing from it."""
    users = {"officer": world.officer, "supervisor": world.supervisor,
             "caseworker": world.caseworker, "admin": world.admin}
    if role != "anonymous":
        verified_login(client, users[role])
    opened = []
    for route, _name in _walk(get_resolver().url_patterns):
        if not route.startswith("api/") or route.endswith("openapi.json"):
            continue
        path = _fill(route, {})
        if client.get(path).status_code not in (401, 403, 405):
            opened.append(path)
    assert not opened, opened
