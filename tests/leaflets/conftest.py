"""Fixtures for the leaflet tests: a force with a full contact block, the catalog cache reset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from leaflets.catalogs import clear_cache
from leaflets.values import ContactValues
from organisations.models import Organisation, OrganisationKind

FORCE_VALUES = {
    "name": "Northbridge Police (demo)",
    "support_line_name": "Northbridge Victim Care (demo)",
    "support_line_phone": "0808 157 0123",
    "support_line_hours": "Monday to Friday 8am to 8pm",
    "web_address": "https://police.northbridge.example/",
    "complaints_web_address": "https://police.northbridge.example/complaints",
    "support_web_address": "https://care.northbridge.example/refer",
}


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def force(db: None) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug="northbridge-police", defaults={"kind": OrganisationKind.FORCE, **FORCE_VALUES})
    return organisation


@pytest.fixture
def contacts() -> ContactValues:
    return ContactValues(
        force_name=FORCE_VALUES["name"],
        force_web_address=FORCE_VALUES["web_address"],
        complaints_web_address=FORCE_VALUES["complaints_web_address"],
        support_name=FORCE_VALUES["support_line_name"],
        support_phone=FORCE_VALUES["support_line_phone"],
        support_hours=FORCE_VALUES["support_line_hours"],
        support_web_address=FORCE_VALUES["support_web_address"],
    )
