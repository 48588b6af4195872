"""The aiosmtpd handler: outage replies, recipient rejections, and keeping each mail."""

from __future__ import annotations

import logging

from aiosmtpd.smtp import SMTP, Envelope, Session

from emulators.smtp_sink.bounces import BounceMode
from emulators.smtp_sink.delivery import accept_mail
from emulators.smtp_sink.state import Sink

logger = logging.getLogger(__name__)

UNAVAILABLE = "421 4.3.2 Service not available, closing transmission channel"


class SinkHandler:
    def __init__(self, sink: Sink) -> None:
        self.sink = sink

    def _down(self) -> bool:
        return self.sink.listener.outage is not None

    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        if self._down():
            return UNAVAILABLE
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if self._down():
            return UNAVAILABLE
        rule = self.sink.rules.match(address)
        if rule is not None and rule.mode is BounceMode.REJECT:
            logger.info("recipient rejected with %s", rule.status)
            return rule.smtp_reply(address)
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self._down():
            return UNAVAILABLE
        raw = envelope.original_content or b""
        mail = accept_mail(
            self.sink,
            mail_from=envelope.mail_from or "",
            rcpt_tos=list(envelope.rcpt_tos),
            raw=raw,
        )
        return f"250 2.0.0 OK: queued as {mail.id}"
