"""Small helpers for the emulators' JSON control APIs."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The request's JSON body, which must be an object; empty bodies read as ``{}``."""
    raw = await request.read()
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise bad_request("body is not JSON") from exc
    if not isinstance(value, dict):
        raise bad_request("body must be a JSON object")
    return value


def bad_request(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": message}), content_type="application/json")


def not_found(message: str) -> web.HTTPNotFound:
    return web.HTTPNotFound(text=json.dumps({"error": message}), content_type="application/json")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})
