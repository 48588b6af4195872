"""Every portal page each role may open, filled with real ids of a test world, and its forms.

The page list comes from the URL resolver and the access table of the role test
(``tests/portal/test_roles_by_url.ACCESS``), so a new page is crawled without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver

from leaflets.giving import Giver, give_leaflet
from leaflets.statuses import IssueChannel
from messaging.statuses import Origin
from organisations.services import membership_of
from tests.hardening.pageforms import PageForm, forms_in
from tests.portal.factories import World, make_referral
from tests.portal.test_roles_by_url import ACCESS, PUBLIC_PREFIXES, _fill, _walk
from tests.second_factor import verified_login

SKIP_SUFFIXES = (".csv",)  # downloads, not pages
LOGOUT = "/portal/logout/"


@dataclass(frozen=True)
class Page:
    role: str
    user: User
    path: str


def fill_values(world: World) -> dict[str, str]:
    """Ids of objects each role owns: an issue of the officer (sent by SMS too, so it can be
    sent again), a referral to the caseworker."""
    membership = membership_of(world.officer)
    assert membership is not None
    issue = give_leaflet(organisation=membership.organisation, origin=Origin.OFFICER,
                         giver=Giver(user=world.officer, role=membership.role), unit=world.north,
                         language="en", channels=[IssueChannel.QR, IssueChannel.SMS],
                         phone="07700 900123", crime_reference="01/234567/26").issue
    referral = make_referral(world)
    return {"pk": str(issue.pk), "reference": referral.reference, "key": "units",
            "about_type": "leaflet-issue", "about_id": str(issue.pk), "force": world.force.slug}


def users(world: World) -> dict[str, User]:
    return {"officer": world.officer, "supervisor": world.supervisor,
            "caseworker": world.caseworker, "admin": world.admin}


def pages(world: World, values: dict[str, str]) -> Iterator[Page]:
    """Each staff page with the role that may open it (the first such role, then the rest)."""
    by_role = users(world)
    erasure_pk = _erasure_pk(values)
    for route, name in _walk(get_resolver().url_patterns):
        if name == "admin:*" or route.startswith(PUBLIC_PREFIXES) or name not in ACCESS:
            continue
        if route.endswith(SKIP_SUFFIXES):
            continue
        filled = dict(values, pk=erasure_pk) if name.startswith("portal:erasure") else values
        for role in sorted(ACCESS[name]):
            yield Page(role, by_role[role], _fill(route, filled))


def _erasure_pk(values: dict[str, str]) -> str:
    from referrals.models import Referral

    referral = Referral.objects.filter(reference=values["reference"]).first()
    return str(referral.recipient_id) if referral is not None else values["pk"]


def page_forms(world: World, values: dict[str, str]) -> list[tuple[Page, PageForm]]:
    """Every form on every page (one per action, method and role), as a GET shows it."""
    found: dict[tuple[str, str, str], tuple[Page, PageForm]] = {}
    for page in pages(world, values):
        client = Client()
        verified_login(client, page.user)
        response = client.get(page.path)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        for form in forms_in(response.content.decode(), page.path):
            # the log-out form is on every page: fuzzed once, not once per role
            who = "any" if form.action.endswith(LOGOUT) else page.role
            found.setdefault((who, form.method, form.action), (page, form))
    return list(found.values())
