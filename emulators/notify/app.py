"""Builds the Notify emulator's aiohttp application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from emulators.common.jsonapi import healthz
from emulators.common.tasks import BackgroundTasks
from emulators.notify import api, control, pages
from emulators.notify.config import NotifyEmulatorConfig
from emulators.notify.faults import Faults
from emulators.notify.state import EMULATOR, Emulator
from emulators.notify.store import Store


def make_app(config: NotifyEmulatorConfig) -> web.Application:
    """The application; its HTTP session and tasks are made on startup, not here."""
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    api.add_routes(app)
    control.add_routes(app)
    pages.add_routes(app)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        emu = Emulator(config=config, store=Store(), faults=Faults(), tasks=BackgroundTasks(),
                       session=aiohttp.ClientSession(), closing=asyncio.Event())
        app[EMULATOR] = emu
        yield
        emu.closing.set()
        await emu.tasks.cancel_all()
        await emu.session.close()

    async def on_shutdown(app: web.Application) -> None:
        app[EMULATOR].closing.set()

    app.cleanup_ctx.append(lifecycle)
    app.on_shutdown.append(on_shutdown)  # type: ignore[arg-type]  # aiohttp 3.9 vs aiosignal
    return app
