"""The token link's page, rendered once per language with its per-view parts put in: the same
bytes as rendering leaflet.html for that view."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from i18n.languages import all_languages
from leaflets import pages
from leaflets.contacts import contact_values
from leaflets.values import IssueDetails
from organisations.models import Organisation

CODES = [lang.code for lang in all_languages()]


def _rendered(code: str, force: Organisation, details: IssueDetails | None, *,
              languages_url: str, beacon_url: str, view_id: str) -> str:
    context = pages.leaflet_context(code=code, contacts=contact_values(force),
                                    languages_url=languages_url, details=details)
    context.update({"beacon_url": beacon_url, "view_id": view_id})
    return render_to_string("leaflets/leaflet.html", context)


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("details", [
    None,
    IssueDetails(),  # nothing to say: no personal block at all
    IssueDetails(crime_reference="<b>42/&'\"</b>", officer="PC 1234 O'Brien <x>",
                 site_address="signpost.example"),
], ids=["code", "blank", "escaped"])
def test_issue_page_is_byte_identical_to_a_full_render(force: Organisation, code: str,
                                                       details: IssueDetails | None) -> None:
    views = [("/l/tok&en<1>/languages/", "/l/tok&en<1>/beacon/", "abc:def&<1>"),
             ("/l/other/languages/", "/l/other/beacon/", "second-view")]
    for languages_url, beacon_url, view_id in views:  # the second comes from the stored page
        expected = _rendered(code, force, details, languages_url=languages_url,
                             beacon_url=beacon_url, view_id=view_id)
        got = pages.issue_page(code=code, contacts=contact_values(force),
                               languages_url=languages_url, beacon_url=beacon_url,
                               view_id=view_id, details=details)
        assert got == expected
        assert "sp-slot-" not in got
