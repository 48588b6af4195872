"""The running sink's parts, shared by its SMTP handler and its web handlers."""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
from aiohttp import web

from emulators.common.tasks import BackgroundTasks
from emulators.smtp_sink.bounces import BounceRules
from emulators.smtp_sink.config import SinkConfig
from emulators.smtp_sink.listener import SmtpListener
from emulators.smtp_sink.store import SinkStore


@dataclass
class Sink:
    config: SinkConfig
    store: SinkStore
    rules: BounceRules
    listener: SmtpListener
    tasks: BackgroundTasks
    session: aiohttp.ClientSession


SINK = web.AppKey("smtp_sink", Sink)


def sink_of(request: web.Request) -> Sink:
    return request.app[SINK]
