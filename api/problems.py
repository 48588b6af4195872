"""Errors as RFC 9457 problem details (``application/problem+json``): type, title, status,
detail, and for bad input the list of field errors. Messages never repeat the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.http import JsonResponse

PROBLEM_TYPE_BASE = "urn:signpost:api:problem:"


class ProblemKind(StrEnum):
    MALFORMED = "malformed-request"
    VALIDATION = "validation"
    UNAUTHORISED = "unauthorised"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not-found"
    METHOD = "method-not-allowed"
    CONFLICT = "idempotency-conflict"
    TOO_LARGE = "too-large"
    MEDIA_TYPE = "unsupported-media-type"
    RATE_LIMITED = "rate-limited"


# status and title of each kind: the OpenAPI document lists the same table
PROBLEMS: dict[ProblemKind, tuple[int, str]] = {
    ProblemKind.MALFORMED: (400, "The request could not be read"),
    ProblemKind.VALIDATION: (422, "Some fields are not valid"),
    ProblemKind.UNAUTHORISED: (401, "A valid API key is required"),
    ProblemKind.FORBIDDEN: (403, "This API key may not do this"),
    ProblemKind.NOT_FOUND: (404, "Not found"),
    ProblemKind.METHOD: (405, "Method not allowed"),
    ProblemKind.CONFLICT: (409, "Idempotency-Key reused for a different request"),
    ProblemKind.TOO_LARGE: (413, "The request body is too large"),
    ProblemKind.MEDIA_TYPE: (415, "The body must be application/json"),
    ProblemKind.RATE_LIMITED: (429, "Too many requests"),
}


@dataclass(frozen=True)
class FieldError:
    field: str  # a JSON pointer into the request body, e.g. "/reports/3/crime_reference"
    message: str


@dataclass
class ApiProblem(Exception):
    """Raised by a handler or the request reader; answered as problem+json."""

    kind: ProblemKind
    detail: str = ""
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}"


def problem_response(problem: ApiProblem) -> JsonResponse:
    status, title = PROBLEMS[problem.kind]
    body: dict[str, object] = {
        "type": PROBLEM_TYPE_BASE + problem.kind.value,
        "title": title,
        "status": status,
        "detail": problem.detail or title,
    }
    if problem.errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in problem.errors]
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    for name, value in problem.headers.items():
        response[name] = value
    return response
