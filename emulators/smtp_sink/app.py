"""Builds the SMTP sink: one aiohttp application that also runs the SMTP listener."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

from emulators.common.jsonapi import healthz
from emulators.common.tasks import BackgroundTasks
from emulators.smtp_sink import control, pages
from emulators.smtp_sink.bounces import BounceRules
from emulators.smtp_sink.config import SinkConfig
from emulators.smtp_sink.handler import SinkHandler
from emulators.smtp_sink.listener import SmtpListener
from emulators.smtp_sink.state import SINK, Sink
from emulators.smtp_sink.store import SinkStore


def accept_any_login(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: object
) -> AuthResult:
    """AUTH is optional; whatever credentials a client offers are accepted."""
    return AuthResult(success=True)


def make_app(config: SinkConfig) -> web.Application:
    """The application; the store, HTTP session and SMTP listener start with it, not here."""
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    control.add_routes(app)
    pages.add_routes(app)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        sink = Sink(
            config=config,
            store=SinkStore(config.db_path),
            rules=BounceRules(),
            listener=SmtpListener(
                host=config.host, port=config.smtp_port, hostname=config.hostname
            ),
            tasks=BackgroundTasks(),
            session=aiohttp.ClientSession(),
        )
        app[SINK] = sink
        handler = SinkHandler(sink)
        loop = asyncio.get_running_loop()

        def smtp_protocol() -> SMTP:
            return SMTP(
                handler,
                hostname=config.hostname,
                ident="Signpost SMTP sink",
                data_size_limit=config.max_message_size,
                enable_SMTPUTF8=True,
                auth_required=False,
                auth_require_tls=False,
                authenticator=accept_any_login,
                loop=loop,
            )

        await sink.listener.start(smtp_protocol)
        yield
        await sink.listener.stop()
        await sink.tasks.cancel_all()
        await sink.session.close()
        sink.store.close()

    app.cleanup_ctx.append(lifecycle)
    return app
