"""The action server, started as ``python -m signpost.action_server --actions actions --port N``:
rasa_sdk's own app, refusing every call but ``/health`` that lacks the shared secret Rasa sends
(``ACTION_SERVER_TOKEN``, in the ``X-Signpost-Action-Token`` header named by
``bot/endpoints.yml``). Without it anyone who could reach the port could run any action with a
made-up tracker (opt a victim out, open an erasure request). It refuses to start without the
secret, and listens on ``SANIC_HOST`` (loopback unless set), never on every interface by default.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from signpost.shared_secret import ACTION_HEADER, matches

OPEN_PATHS = frozenset({"/health"})


def guard(app: Any, *, token: str) -> None:
    """Add the request middleware that answers 401 to calls without the secret."""
    from sanic import response

    async def require_secret(request: Any) -> Any:
        if request.path in OPEN_PATHS:
            return None
        if not matches(expected=token, given=request.headers.get(ACTION_HEADER, "")):
            return response.json({"error": "unauthorised"}, status=401)
        return None

    app.middleware(require_secret, "request")


def main(argv: list[str] | None = None) -> None:
    from rasa_sdk import utils
    from rasa_sdk.endpoint import create_app, create_argument_parser

    args = create_argument_parser().parse_args(argv)
    token = os.environ.get("ACTION_SERVER_TOKEN", "")
    if not token:
        sys.exit("actions: ACTION_SERVER_TOKEN is not set: refusing to start an action server "
                 "anyone could call")
    utils.configure_colored_logging(args.loglevel)
    logging.getLogger("matplotlib").setLevel(logging.WARNING)
    utils.update_sanic_log_level()
    app = create_app(args.actions, cors_origins=None, auto_reload=False)
    guard(app, token=token)
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    app.run(host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
