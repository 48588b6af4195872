"""``python -m emulators.notify``: run the Notify emulator."""

from __future__ import annotations

import logging
import os
import sys

from aiohttp import web

from emulators.common.access_log import PathOnlyAccessLogger
from emulators.notify.app import make_app
from emulators.notify.config import parse_args


def main(argv: list[str] | None = None) -> None:
    config = parse_args(argv, os.environ)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger(__name__).info(
        "Notify emulator on http://%s:%d (sent notifications at /, control API at /_emulator/)",
        config.host, config.port,
    )
    web.run_app(make_app(config), host=config.host, port=config.port,
                access_log_class=PathOnlyAccessLogger, print=None, shutdown_timeout=5.0)


if __name__ == "__main__":
    main(sys.argv[1:])
