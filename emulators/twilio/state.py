"""The running emulator's parts, shared by its request handlers through the application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import aiohttp
from aiohttp import web

from emulators.common.tasks import BackgroundTasks
from emulators.twilio.config import TwilioEmulatorConfig
from emulators.twilio.faults import FaultInjector
from emulators.twilio.outcomes import OutcomeTable
from emulators.twilio.store import Store


@dataclass
class Emulator:
    config: TwilioEmulatorConfig
    store: Store
    outcomes: OutcomeTable
    faults: FaultInjector
    tasks: BackgroundTasks
    session: aiohttp.ClientSession
    closing: asyncio.Event  # set on shutdown: held requests let go


EMULATOR = web.AppKey("twilio_emulator", Emulator)


def emulator(request: web.Request) -> Emulator:
    return request.app[EMULATOR]
