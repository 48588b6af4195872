"""Read a JSON request body and check it against its schema, as field errors (never a 500).

Beyond the schema, no string may hold NUL (PostgreSQL cannot store it; a form refuses it too).
"""

from __future__ import annotations

import json
import re
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
    alternatives = _required_alternatives(value) if error.validator == "anyOf" else []
    if alternatives:
        return FieldError(_pointer([*path, alternatives[0]]),
                          f"Give {' or '.join(alternatives)} (or both).")
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


def _required_alternatives(branches: Any) -> list[str]:
    """The field names of an ``anyOf`` whose branches each only require one field ("a phone or
    an email"), so the error can point at a field; [] for any other ``anyOf``.

    >>> _required_alternatives([{"required": ["phone"]}, {"required": ["email"]}])
    ['phone', 'email']
    >>> _required_alternatives([{"type": "string"}, {"required": ["email"]}])
    []
    """
    names = [branch.get("required", []) if isinstance(branch, dict) and set(branch) == {"required"}
             else [] for branch in branches]
    return [found[0] for found in names] if all(len(found) == 1 for found in names) else []


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _nul_errors(body: Any) -> list[FieldError]:
    """A field error for each string holding NUL, which no database text column can store, or
    a lone UTF-16 surrogate ("\\ud800" is valid JSON but not text: nothing can encode it).

    Walked without recursion: a body may nest as deep as the JSON parser allows.

    >>> [e.field for e in _nul_errors({"a": ["x", "y\\x00"], "b": "\\x00", "c": "\\ud800"})]
    ['/a/1', '/b', '/c']
    """
    errors: list[FieldError] = []
    stack: list[tuple[list[str | int], Any]] = [([], body)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            errors.append(FieldError(_pointer(path), "Must not contain the NUL character."))
        elif isinstance(value, str) and _LONE_SURROGATE.search(value):
            errors.append(FieldError(_pointer(path), "Must be text (a lone surrogate is not)."))
        elif isinstance(value, dict):
            stack.extend(([*path, key], item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(([*path, index], item) for index, item in enumerate(value))
    return sorted(errors, key=lambda error: error.field)


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
    except RecursionError:  # e.g. a hundred thousand "[": no schema of ours nests that deep
        raise ApiProblem(ProblemKind.MALFORMED, "The body's JSON nests too deeply.") from None
    errors = sorted(_validator(schema).iter_errors(body),
                    key=lambda e: _pointer(list(e.absolute_path)))
    field_errors = [_field_error(error) for error in errors] + _nul_errors(body)
    if field_errors:
        raise ApiProblem(ProblemKind.VALIDATION, "Correct the fields listed in errors.",
                         errors=field_errors[:MAX_ERRORS])
    if not isinstance(body, dict):  # the schemas all describe objects; keeps mypy sure
        raise ApiProblem(ProblemKind.VALIDATION, "The body must be a JSON object.")
    return body
