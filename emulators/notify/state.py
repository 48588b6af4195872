"""The running emulator's parts, shared by its request handlers through the application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import aiohttp
from aiohttp import web

from emulators.common.tasks import BackgroundTasks
from emulators.notify.config import NotifyEmulatorConfig
from emulators.notify.faults import Faults
from emulators.notify.store import Store


@dataclass
class Emulator:
    config: NotifyEmulatorConfig
    store: Store
    faults: Faults
    tasks: BackgroundTasks
    session: aiohttp.ClientSession
    closing: asyncio.Event  # set on shutdown: held requests let go


EMULATOR = web.AppKey("notify_emulator", Emulator)


def emulator(request: web.Request) -> Emulator:
    return request.app[EMULATOR]
