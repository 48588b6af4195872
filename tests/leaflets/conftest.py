"""Fixtures for the leaflet tests: a force with a full contact block, the catalog cache reset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from i18n.catalogs import clear_cache
from leaflets.values import ContactValues
from organisations.models import Organisation
from tests.factories import DEMO_FORCE_VALUES, demo_force


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def force(db: None) -> Organisation:
    """The seeded demo force instead of the root ``force``: these tests compare the leaflet with
    its published contacts."""
    return demo_force()


@pytest.fixture
def contacts() -> ContactValues:
    return ContactValues(
        force_name=DEMO_FORCE_VALUES["name"],
        force_web_address=DEMO_FORCE_VALUES["web_address"],
        complaints_web_address=DEMO_FORCE_VALUES["complaints_web_address"],
        support_name=DEMO_FORCE_VALUES["support_line_name"],
        support_phone=DEMO_FORCE_VALUES["support_line_phone"],
        support_hours=DEMO_FORCE_VALUES["support_line_hours"],
        support_web_address=DEMO_FORCE_VALUES["support_web_address"],
    )
