"""``python -m emulators.smtp_sink``: run the SMTP sink and its web mailbox."""

from __future__ import annotations

import logging
import os
import sys

from aiohttp import web

from emulators.common.access_log import PathOnlyAccessLogger
from emulators.smtp_sink.app import make_app
from emulators.smtp_sink.config import parse_args


def main(argv: list[str] | None = None) -> None:
    config = parse_args(argv, os.environ)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # aiosmtpd logs envelope addresses at INFO: keep them out of the log.
    mail_log = logging.getLogger("mail.log")
    mail_log.setLevel(logging.WARNING)
    mail_log.addFilter(lambda record: "login_data is deprecated" not in record.getMessage())
    logging.getLogger(__name__).info(
        "SMTP sink: SMTP on %s:%d, mailbox on http://%s:%d (control API at /_sink/)",
        config.host,
        config.smtp_port,
        config.host,
        config.http_port,
    )
    web.run_app(
        make_app(config),
        host=config.host,
        port=config.http_port,
        access_log_class=PathOnlyAccessLogger,
        print=None,
        shutdown_timeout=5.0,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
