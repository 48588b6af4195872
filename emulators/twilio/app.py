"""Builds the Twilio emulator's aiohttp application."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from emulators.common.jsonapi import healthz
from emulators.common.tasks import BackgroundTasks
from emulators.twilio import api, control, pages
from emulators.twilio.config import TwilioEmulatorConfig
from emulators.twilio.faults import FaultInjector
from emulators.twilio.outcomes import OutcomeTable
from emulators.twilio.state import EMULATOR, Emulator
from emulators.twilio.store import Store


def make_app(config: TwilioEmulatorConfig) -> web.Application:
    """The application; its store, HTTP session and tasks are made on startup, not here."""
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    api.add_routes(app)
    control.add_routes(app)
    pages.add_routes(app)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        emu = Emulator(
            config=config,
            store=Store(config.db_path),
            outcomes=OutcomeTable(),
            faults=FaultInjector(random.Random(config.seed)),
            tasks=BackgroundTasks(),
            session=aiohttp.ClientSession(),
            closing=asyncio.Event(),
        )
        app[EMULATOR] = emu
        yield
        emu.closing.set()
        await emu.tasks.cancel_all()
        await emu.session.close()
        emu.store.close()

    async def on_shutdown(app: web.Application) -> None:
        app[EMULATOR].closing.set()

    app.cleanup_ctx.append(lifecycle)
    # aiohttp 3.9's signal annotation does not fit aiosignal 1.4's generics.
    app.on_shutdown.append(on_shutdown)  # type: ignore[arg-type]
    return app
