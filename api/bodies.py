"""Read a JSON request body and check it against its schema, as field errors (never a 500)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from api.openapi import schema_with_components
from api.problems import ApiProblem, FieldError, ProblemKind

MAX_ERRORS = 50


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(schema_with_components(schema_name))


def _pointer(parts: list[str | int]) -> str:
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def _field_error(error: ValidationError) -> FieldError:
    path: list[str | int] = list(error.absolute_path)
    schema: Any = error.schema
    value: Any = error.validator_value
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [name for name in value if name not in present]
        return FieldError(_pointer([*path, missing[0] if missing else ""]),
                          "This field is required.")
    if error.validator == "additionalProperties":
        allowed = set(schema.get("properties", {})) if isinstance(schema, dict) else set()
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        return FieldError(_pointer([*path, extra[0] if extra else ""]), "Unknown field.")
    messages = {
        "type": f"Must be of type {value}.",
        "maxLength": f"At most {value} characters.",
        "minLength": f"At least {value} character(s).",
        "maxItems": f"At most {value} items.",
        "minItems": f"At least {value} item(s).",
        "enum": "Not one of the allowed values.",
        "pattern": "Not in the expected format.",
    }
    return FieldError(_pointer(path), messages.get(str(error.validator), "Not a valid value."))


def read_json(request: HttpRequest, *, schema: str) -> dict[str, Any]:
    """The body as a dict that matches the schema; ApiProblem (400/413/415/422) otherwise."""
    content_type = request.content_type or ""
    if content_type != "application/json":
        raise ApiProblem(ProblemKind.MEDIA_TYPE, "Send the body as application/json.")
    try:
        raw = request.body
    except RequestDataTooBig:
        raise ApiProblem(ProblemKind.TOO_LARGE, "Send fewer reports per call.") from None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiProblem(ProblemKind.MALFORMED, "The body is not valid JSON.") from None
    errors = sorted(_validator(schema).iter_errors(body),
                    key=lambda e: _pointer(list(e.absolute_path)))
    if errors:
        raise ApiProblem(ProblemKind.VALIDATION, "Correct the fields listed in errors.",
                         errors=[_field_error(error) for error in errors[:MAX_ERRORS]])
    if not isinstance(body, dict):  # the schemas all describe objects; keeps mypy sure
        raise ApiProblem(ProblemKind.VALIDATION, "The body must be a JSON object.")
    return body
