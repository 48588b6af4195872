"""The OpenAPI 3.1 document, written as data beside the routes it describes (``api.urls``).

``tests/api/test_openapi.py`` checks that every route under /api/v1/ is here and that the
answers the tests receive match these schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from api.problems import PROBLEMS
from api.schemas import SCHEMAS
from api.scopes import Scope

VERSION = "1.0.0"
PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    operation_id: str
    summary: str
    scope: Scope | None
    request: str | None = None  # a schema name
    responses: dict[int, str | None] = field(default_factory=dict)  # status -> schema name
    problems: tuple[int, ...] = ()
    parameters: tuple[dict[str, Any], ...] = ()
    idempotent_post: bool = False
    # OpenAPI links from the success answer to operations it leads to (clients and the stateful
    # fuzzing follow them): name -> (operationId, {parameter: runtime expression})
    links: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)


ISSUE_ID = {"name": "issue_id", "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1}}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "Repeat a request with the same key (1-200 visible ASCII characters, e.g. a "
                   "UUID) to get the first answer again instead of a second leaflet.",
    "schema": {"type": "string", "pattern": "^[!-~]{1,200}$"},
}
AUTH_PROBLEMS = (401, 403, 429)

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        path="/api/v1/leaflet-issues", method="post", operation_id="issueLeaflet",
        summary="Issue the leaflet to a victim by SMS and/or email",
        scope=Scope.LEAFLETS_ISSUE, request="IssueRequest", responses={201: "Issue"},
        problems=(400, *AUTH_PROBLEMS, 405, 409, 413, 415, 422), parameters=(IDEMPOTENCY_KEY,),
        idempotent_post=True,
        links={"GetIssue": ("getLeafletIssue", {"issue_id": "$response.body#/id"})},
    ),
    Operation(
        path="/api/v1/leaflet-issues/{issue_id}", method="get", operation_id="getLeafletIssue",
        summary="An issue's status, its messages and their delivery events",
        scope=Scope.LEAFLETS_READ, responses={200: "IssueDetail"},
        problems=(*AUTH_PROBLEMS, 404, 405), parameters=(ISSUE_ID,),
    ),
    Operation(
        path="/api/v1/crime-reports", method="post", operation_id="loadCrimeReports",
        summary="Load a batch of crime reports (insert or update by crime reference)",
        scope=Scope.CRIMES_LOAD, request="CrimeReportBatch",
        responses={200: "CrimeReportLoadResult"},
        problems=(400, *AUTH_PROBLEMS, 405, 413, 415, 422),
    ),
    Operation(
        path="/api/v1/case-events", method="post", operation_id="recordCaseEvent",
        summary="Record a decision in an investigation; the victims are told in their language",
        scope=Scope.CASE_EVENTS_WRITE, request="CaseEventRequest", responses={201: "CaseEvent"},
        problems=(400, *AUTH_PROBLEMS, 405, 409, 413, 415, 422), parameters=(IDEMPOTENCY_KEY,),
        idempotent_post=True,
    ),
    Operation(
        path="/api/v1/openapi.json", method="get", operation_id="getOpenApiDocument",
        summary="This document", scope=None, responses={200: None},
    ),
)


def _operation(op: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, schema in op.responses.items():
        content = ({"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
                   if schema else {"application/json": {"schema": {"type": "object"}}})
        responses[str(status)] = {"description": "Success", "content": content}
        if op.links:
            responses[str(status)]["links"] = {
                name: {"operationId": target, "parameters": parameters}
                for name, (target, parameters) in op.links.items()}
    titles = dict(PROBLEMS.values())
    for status in op.problems:
        responses[str(status)] = {
            "description": titles[status],
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    body: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "responses": responses,
        "security": [{"apiKey": []}] if op.scope else [],
    }
    if op.scope:
        body["description"] = f"Needs an API key with the scope `{op.scope.value}`."
    if op.parameters:
        body["parameters"] = list(op.parameters)
    if op.request:
        body["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{op.request}"}}}}
    return body


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document (built on each call; it is small)."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Signpost API",
            "version": VERSION,
            "description": "For crime-recording systems: issue the Victims' Code leaflet, read "
                           "its delivery, load crime reports for provision figures. Errors are "
                           "RFC 9457 problem details.",
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"apiKey": {
                "type": "http", "scheme": "bearer",
                "description": "Authorization: Bearer sp_<prefix>_<secret>",
            }},
        },
    }


def schema_with_components(name: str) -> dict[str, Any]:
    """A schema that can be validated on its own: a $ref to ``name`` with the components."""
    return {"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}}
