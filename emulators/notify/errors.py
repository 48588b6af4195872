"""Notify's error bodies: ``{"status_code": 400, "errors": [{"error": ..., "message": ...}]}``."""

from __future__ import annotations

from aiohttp import web


def error_response(status: int, error: str, message: str) -> web.Response:
    return web.json_response(
        {"status_code": status, "errors": [{"error": error, "message": message}]}, status=status
    )
