"""A test client for the API that checks every answer against the OpenAPI document: the status
must be documented for the operation and the body must match its schema."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.test import Client
from jsonschema import Draft202012Validator

from api.openapi import document

DOC = document()


def operation_for(path: str, method: str) -> dict[str, Any]:
    for template, operations in DOC["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            found: dict[str, Any] = operations[method.lower()]
            return found
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def check_against_document(path: str, method: str, status: int, content_type: str,
                           body: Any) -> None:
    operation = operation_for(path, method)
    response = operation["responses"].get(str(status))
    assert response is not None, f"{method} {path} answered {status}, not documented"
    media = response["content"]
    assert content_type in media, f"{content_type} not documented for {status}"
    schema = {**media[content_type]["schema"], "components": DOC["components"]}
    Draft202012Validator(schema).validate(body)


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


@dataclass
class ApiClient:
    client: Client
    key: str

    def call(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None
             = None, raw: bytes | None = None, content_type: str = "application/json",
             auth: bool = True) -> Answer:
        extra = dict(headers or {})
        if auth:
            extra.setdefault("Authorization", f"Bearer {self.key}")
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if method == "GET":
            response = self.client.get(path, headers=extra)
        else:
            response = self.client.generic(method, path, data=data or b"",
                                           content_type=content_type, headers=extra)
        kind = response["Content-Type"].split(";")[0]
        parsed = json.loads(response.content)
        check_against_document(path, method, response.status_code, kind, parsed)
        return Answer(response.status_code, parsed, dict(response.headers))

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return self.call("POST", path, body, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Answer:
        return self.call("GET", path, **kwargs)
