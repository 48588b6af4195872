"""The OpenAPI document: served by the app, covers every /api/v1/ route, schemas are valid.

That answers match the document is checked on every call of the other API tests
(``tests.api.contract``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Any, cast

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate_spec
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from api.openapi import OPERATIONS, document
from api.problems import PROBLEMS


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.extend(_routes(pattern.url_patterns, route))
        else:
            found.append(route)
    return found


def _as_openapi(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def test_every_api_route_is_in_the_document():
    routes = {_as_openapi(r) for r in _routes(get_resolver().url_patterns)
              if r.startswith("api/v1/")}
    assert routes, "no /api/v1/ routes found"
    assert routes == set(document()["paths"])


def test_the_app_serves_the_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == document()
    assert response.json()["openapi"] == "3.1.0"


def test_the_document_is_valid_openapi_3_1():
    validate_spec(cast("Mapping[Hashable, Any]", document()))  # raises at the first problem


def test_the_validator_would_notice_a_broken_document():
    broken = document()
    broken["paths"]["/api/v1/crime-reports"]["post"]["responses"]["200"] = {"content": {}}
    with pytest.raises(OpenAPIValidationError):
        validate_spec(cast("Mapping[Hashable, Any]", broken))


def test_every_schema_is_valid_json_schema():
    for schema in document()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_problem_status_an_operation_lists_has_a_problem_kind():
    statuses = {status for status, _ in PROBLEMS.values()}
    for operation in OPERATIONS:
        assert set(operation.problems) <= statuses
        assert len({op.operation_id for op in OPERATIONS}) == len(OPERATIONS)


def test_every_secured_operation_names_its_scope():
    for path_item in document()["paths"].values():
        for operation in path_item.values():
            if operation["security"]:
                assert "scope" in operation["description"]
                assert "401" in operation["responses"]
                assert "403" in operation["responses"]
