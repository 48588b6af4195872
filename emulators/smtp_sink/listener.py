"""The SMTP listening socket, which can be taken down to simulate an outage."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from enum import StrEnum

logger = logging.getLogger(__name__)


class OutageMode(StrEnum):
    REJECT = "421"  # accept connections, greet with 421 and hang up
    REFUSE = "refuse"  # stop listening: connections are refused


class ServiceUnavailable(asyncio.Protocol):
    """Greets with ``421`` and closes, as a server shutting down does (RFC 5321 3.8)."""

    def __init__(self, hostname: str) -> None:
        self.hostname = hostname

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        reply = f"421 4.3.2 {self.hostname} Service not available, closing transmission channel"
        if isinstance(transport, asyncio.WriteTransport):
            transport.write(reply.encode("ascii") + b"\r\n")
        transport.close()


class SmtpListener:
    def __init__(self, *, host: str, port: int, hostname: str) -> None:
        self.host = host
        self.port = port  # 0 until started on a free port
        self.hostname = hostname
        self.outage: OutageMode | None = None
        self._factory: Callable[[], asyncio.BaseProtocol] | None = None
        self._server: asyncio.Server | None = None

    async def start(self, factory: Callable[[], asyncio.BaseProtocol]) -> None:
        self._factory = factory
        await self._listen()

    async def _listen(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._protocol, self.host, self.port)
        self.port = int(self._server.sockets[0].getsockname()[1])
        logger.info("SMTP listening on %s:%d", self.host, self.port)

    def _protocol(self) -> asyncio.BaseProtocol:
        if self.outage is OutageMode.REJECT or self._factory is None:
            return ServiceUnavailable(self.hostname)
        return self._factory()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    async def go_down(self, mode: OutageMode) -> None:
        self.outage = mode
        if mode is OutageMode.REFUSE:
            await self.stop()
        elif self._server is None:
            await self._listen()
        logger.info("SMTP outage: %s", mode)

    async def come_back(self) -> None:
        self.outage = None
        if self._server is None:
            await self._listen()
        logger.info("SMTP outage over")
