"""Factories shared by every test package, each with defaults for every argument.

``force`` (tests/conftest.py) is ``make_force()``: tests that need other values pass them here.
"""

from __future__ import annotations

from typing import Any

from organisations.models import Organisation, OrganisationKind

# The seeded demo force's published contacts, as the leaflet prints them.
DEMO_FORCE_SLUG = "northbridge-police"
DEMO_FORCE_VALUES: dict[str, Any] = {
    "name": "Northbridge Police (demo)",
    "support_line_name": "Northbridge Victim Care (demo)",
    "support_line_phone": "0808 157 0123",
    "support_line_hours": "Monday to Friday 8am to 8pm",
    "web_address": "https://police.northbridge.example/",
    "complaints_web_address": "https://police.northbridge.example/complaints",
    "support_web_address": "https://care.northbridge.example/refer",
}


def make_force(slug: str = "test-force", **fields: Any) -> Organisation:
    """A police force with a support line and a web address; ``fields`` override any value."""
    values: dict[str, Any] = {
        "name": "Test Force", "support_line_name": "Victim Care",
        "support_line_phone": "0808 000 0000", "web_address": "https://police.example/",
    }
    return Organisation.objects.create(slug=slug, kind=OrganisationKind.FORCE,
                                       **{**values, **fields})


def demo_force() -> Organisation:
    """The demo force the data migrations seed, with its published contacts (made again if a
    test emptied the table)."""
    organisation, _ = Organisation.objects.update_or_create(
        slug=DEMO_FORCE_SLUG, defaults={"kind": OrganisationKind.FORCE, **DEMO_FORCE_VALUES})
    return organisation
