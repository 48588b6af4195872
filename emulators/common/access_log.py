"""An aiohttp access log that leaves out query strings (they can carry phone numbers)."""

from __future__ import annotations

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info('"%s %s" %s %.3fs', request.method, request.path, response.status, time)
