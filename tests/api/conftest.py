"""Fixtures for the API tests: a force, keys with chosen scopes, and a client whose every answer
is checked against the OpenAPI document (``tests.api.contract``)."""

from __future__ import annotations

import pytest
from django.test import Client

from api.keys import create_key
from api.scopes import Scope
from organisations.models import Organisation, OrganisationKind
from tests.api.contract import ApiClient


@pytest.fixture
def other_force(db: None) -> Organisation:
    return Organisation.objects.create(slug="other-force", name="Other Force",
                                       kind=OrganisationKind.FORCE)


@pytest.fixture
def api(force: Organisation, client: Client) -> ApiClient:
    """A client with a key that has every scope."""
    key = create_key(organisation=force, name="Crime recording", scopes=list(Scope)).key
    return ApiClient(client=client, key=key)


@pytest.fixture
def api_for(client: Client):
    def make(organisation: Organisation, *scopes: Scope) -> ApiClient:
        key = create_key(organisation=organisation, name="System", scopes=list(scopes)).key
        return ApiClient(client=client, key=key)

    return make
