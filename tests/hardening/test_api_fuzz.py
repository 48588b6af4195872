"""Every operation of the served OpenAPI document, fuzzed from its own schemas.

Valid requests get the documented success and a body that matches its schema; valid-typed
requests full of hostile strings and requests that break one rule of a schema get a documented
4xx as problem+json with a clear ``detail`` (field errors for 422), and store nothing.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.keys import create_key
from api.openapi import document
from api.scopes import Scope
from i18n.languages import all_languages
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from organisations.models import Organisation, OrganisationKind, Unit
from tests.api.contract import check_against_document
from tests.hardening.openapi_fuzz import (
    Hints,
    Operation,
    Request,
    Resolver,
    fill_path,
    invalid_requests,
    operations,
    requests,
)
from tests.hardening.stored import changed_tables, stored_state

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.filter_too_much])
PROBLEM = "application/problem+json"
PATTERN = r"\d{2}/\d{6}/\d{2}"
UNITS = ("North borough", "South borough")


def _document() -> dict[str, Any]:
    """The document as a client reads it (served as JSON: ``test_openapi`` checks they agree)."""
    loaded: dict[str, Any] = json.loads(json.dumps(document()))
    return loaded


@dataclass
class World:
    force: Organisation
    client: Client
    key: str
    issue_id: int
    keys: Iterator[int] = field(default_factory=itertools.count)


@pytest.fixture
def world(client: Client, settings: Any, fake_queue: Any) -> World:
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    force = Organisation.objects.create(
        slug="fuzz-force", name="Fuzz Force", kind=OrganisationKind.FORCE,
        crime_reference_pattern=PATTERN, crime_reference_example="01/234567/26")
    for name in UNITS:
        Unit.objects.create(organisation=force, name=name)
    issue = issue_leaflet(language="en", channels=[IssueChannel.QR], organisation=force).issue
    key = create_key(organisation=force, name="Fuzzer", scopes=list(Scope)).key
    return World(force, client, key, issue.pk)


def _hints(world: World) -> Hints:
    """Values that pass the services' own checks beyond the schema (known language, real units,
    the force's crime reference format, a parseable phone or address)."""
    reference = st.from_regex(PATTERN.replace(r"\d", "[0-9]"), fullmatch=True)
    return {
        "/language": st.sampled_from([lang.code for lang in all_languages()]),
        "/phone": st.sampled_from(["07700 900123", "+447700900456", "07700900789"]),
        "/email": st.sampled_from(["victim@example.org", "a.b+c@example.co.uk"]),
        "/crime_reference": st.one_of(st.just(""), reference),
        "/unit_name": st.sampled_from([*UNITS, UNITS[0].upper()]),
        "/reports/*/crime_reference": reference,
        "/reports/*/reported_at": st.datetimes(datetime(2020, 1, 1), datetime(2025, 12, 31),
                                               timezones=st.just(UTC)).map(datetime.isoformat),
        "/reports/*/unit_name": st.sampled_from(["", *UNITS]),
        "/decided_at": st.datetimes(datetime(2020, 1, 1), datetime(2025, 12, 31),
                                    timezones=st.just(UTC)).map(datetime.isoformat),
        "/court_at": st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31),
                                  timezones=st.just(UTC)).map(datetime.isoformat),
        "@issue_id": st.just(world.issue_id),
        # a fresh key each time: a key reused with another body is (rightly) a 409
        "@Idempotency-Key": st.builds(lambda: f"fuzz-{next(world.keys)}"),
    }


# Rules the services add to a schema-valid body: the description says so, the schema cannot.
SERVICE_RULES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "issueLeaflet": lambda body: bool(body.get("phone") or body.get("email")),
    "loadCrimeReports": lambda body: len({r["crime_reference"] for r in body["reports"]})
    == len(body["reports"]),
    "recordCaseEvent": lambda body: bool(body["crime_reference"]) and (
        body["kind"] != "court-date-set" or "court_at" in body),
}


def _no_rule(_body: dict[str, Any]) -> bool:
    return True


OPERATIONS = operations(_document())
IDS = [op.name for op in OPERATIONS]


def _send(world: World, request: Request, *, auth: bool = True) -> tuple[int, str, Any]:
    headers = dict(request.headers)
    if auth:
        headers["Authorization"] = f"Bearer {world.key}"
    if request.method == "GET":
        response = world.client.get(request.path, headers=headers)
    else:
        response = world.client.generic(request.method, request.path, data=request.body or b"",
                                        content_type="application/json", headers=headers)
    kind = response["Content-Type"].split(";")[0]
    assert response.status_code < 500, (request, response.status_code)
    assert kind in ("application/json", PROBLEM), (request.path, kind, response.content[:200])
    body = json.loads(response.content)
    check_against_document(request.path, request.method, response.status_code, kind, body)
    return response.status_code, kind, body


def _assert_clear_problem(status: int, kind: str, body: Any) -> None:
    assert 400 <= status < 500
    assert kind == PROBLEM
    assert body["status"] == status
    assert body["detail"].strip()
    if status == 422:
        assert body["errors"], body
        for error in body["errors"]:
            assert error["field"].startswith("/")
            assert error["message"].strip()


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_valid_requests_get_the_documented_success(world: World, op: Operation) -> None:
    rule = SERVICE_RULES.get(op.name, _no_rule)

    def keeps_the_rule(request: Request) -> bool:
        return request.body is None or rule(json.loads(request.body))

    schemas = _document()["components"]["schemas"]
    cases = requests(op, Resolver(schemas), _hints(world)).filter(keeps_the_rule)

    @FUZZ
    @given(request=cases)
    def check(request: Request) -> None:
        status, kind, _body = _send(world, request)
        assert (status, kind) == (op.success, "application/json"), (request, _body)

    check()


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_hostile_strings_get_a_documented_answer_and_refusals_store_nothing(
        world: World, op: Operation) -> None:
    hints = {k: v for k, v in _hints(world).items() if k == "@issue_id"}
    cases = requests(op, Resolver(_document()["components"]["schemas"]), hints, hostile=True)

    @FUZZ
    @given(request=cases)
    def check(request: Request) -> None:
        before = stored_state()
        status, kind, body = _send(world, request)
        assert status in op.statuses
        if status >= 400:
            _assert_clear_problem(status, kind, body)
            assert stored_state() == before, changed_tables(before, stored_state())

    check()


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.body_schema or op.spec.get(
    "parameters")], ids=[op.name for op in OPERATIONS if op.body_schema or op.spec.get(
        "parameters")])
def test_requests_breaking_a_schema_rule_are_refused_clearly_and_store_nothing(
        world: World, op: Operation) -> None:
    resolver = Resolver(_document()["components"]["schemas"])
    body_check = resolver.validator(op.body_schema).is_valid if op.body_schema else None

    @FUZZ
    @given(request=invalid_requests(op, resolver, _hints(world)))
    def check(request: Request) -> None:
        if request.broken == "body" and body_check is not None:
            assert not body_check(json.loads(request.body or b"null")), "fuzzer made a valid body"
        before = stored_state()
        status, kind, body = _send(world, request)
        _assert_clear_problem(status, kind, body)
        assert status in op.statuses
        assert stored_state() == before, changed_tables(before, stored_state())

    check()


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.secured],
                         ids=[op.name for op in OPERATIONS if op.secured])
@pytest.mark.parametrize("authorization", ["", "Bearer", "Bearer sp_x_y", "Basic dXNlcjpwdw==",
                                           "Bearer sp_AAAAAAAAAAAA_" + "A" * 43, "\x00" * 10])
def test_secured_operations_refuse_missing_or_wrong_keys(world: World, op: Operation,
                                                         authorization: str) -> None:
    # The key is checked before anything else: any path value and body will do.
    request = Request(op.method.upper(), fill_path(op.path, {"issue_id": world.issue_id}),
                      {"Authorization": authorization}, b"{}" if op.body_schema else None)
    before = stored_state()
    status, kind, body = _send(world, request, auth=False)
    assert status == 401
    _assert_clear_problem(status, kind, body)
    assert stored_state() == before


@pytest.mark.parametrize("path", ["/api/v1/leaflet-issues/abc", "/api/v1/leaflet-issues/0/x",
                                  "/api/v1/nothing-here", "/api/v1/leaflet-issues/%2e%2e%2f"])
def test_unknown_api_paths_answer_problem_json(world: World, path: str) -> None:
    response = world.client.get(path, headers={"Authorization": f"Bearer {world.key}"})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"]


def test_pages_outside_the_api_keep_their_own_404(client: Client) -> None:
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# Found by the fuzzing above, kept as plain cases: each was a 500 before api.bodies refused it.
@pytest.mark.parametrize(("path", "body"), [
    ("/api/v1/crime-reports", {"reports": [{"crime_reference": "01/234567/26",
                                            "reported_at": "2024-01-01", "crime_type": "a\x00"}]}),
    ("/api/v1/crime-reports", {"reports": [{"crime_reference": "01/234567/26",
                                            "reported_at": "2024-01-01", "unit_name": "\x00"}]}),
    ("/api/v1/leaflet-issues", {"language": "en", "phone": "07700 900123",
                                "unit_name": "North\x00"}),
])
def test_nul_in_any_string_is_a_field_error(world: World, path: str, body: Any) -> None:
    before = stored_state()
    status, kind, answer = _send(world, Request("POST", path, {}, json.dumps(body).encode()))
    assert status == 422
    _assert_clear_problem(status, kind, answer)
    assert [e["message"] for e in answer["errors"]] == ["Must not contain the NUL character."]
    assert stored_state() == before


@pytest.mark.parametrize("raw", [b"[" * 100_000 + b"]" * 100_000,
                                 b'{"reports":' * 990 + b"1" + b"}" * 990])
def test_json_nested_past_the_parser_is_a_400(world: World, raw: bytes) -> None:
    status, kind, answer = _send(world, Request("POST", "/api/v1/crime-reports", {}, raw))
    assert status == 400
    _assert_clear_problem(status, kind, answer)


@pytest.mark.parametrize("issue_id", ["9223372036854775808", "9" * 40, "0"])
def test_ids_past_the_columns_range_are_not_found(world: World, issue_id: str) -> None:
    path = f"/api/v1/leaflet-issues/{issue_id}"
    status, kind, answer = _send(world, Request("GET", path, {}, None))
    assert status == 404
    _assert_clear_problem(status, kind, answer)
