"""What Schemathesis found when first run by hand against the served document: an id that is
not an integer answered Django's HTML 404, and the document allowed any ``language`` that the
API then refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from api.openapi import document
from i18n.languages import all_languages
from tests.api.contract import ApiClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("issue_id", ["null,null", "null", "-1", "1.5", "%00"])
def test_a_malformed_issue_id_gets_problem_json_not_an_html_page(client: Client, api: ApiClient,
                                                                  issue_id: str) -> None:
    answer = client.get(f"/api/v1/leaflet-issues/{issue_id}",
                        headers={"Authorization": f"Bearer {api.key}"})
    assert answer.status_code in (400, 404)
    assert answer["Content-Type"].startswith("application/problem+json")
    assert json.loads(answer.content)["status"] == answer.status_code
    assert b"<html" not in answer.content.lower()


def test_the_document_names_every_language_the_api_accepts_and_no_other(api: ApiClient) -> None:
    enums = [[str(code) for code in schema["enum"]]
             for schema in _schemas_named(document(), "language")
             if isinstance(schema.get("enum"), list)]
    assert enums
    codes = sorted(language.code for language in all_languages())
    assert all(sorted(enum) == codes for enum in enums)
    assert "0" not in enums[0]
    refused = api.post("/api/v1/leaflet-issues", {"language": "0", "phone": "07700 900456"})
    assert refused.status == 422


def _schemas_named(node: object, name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict) and isinstance(properties.get(name), dict):
            found.append(properties[name])
        for value in node.values():
            found += _schemas_named(value, name)
    elif isinstance(node, list):
        for value in node:
            found += _schemas_named(value, name)
    return found
