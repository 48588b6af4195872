"""Logging filters for the health endpoint."""

from __future__ import annotations

import logging


class DropHealthAnswers(logging.Filter):
    """Keep Django's "Service Unavailable: /healthz" out of the error log.

    A 503 from /healthz is the endpoint's answer (a process is still starting or is down, and the
    JSON body says which), not a failure of the request; logged at ERROR it made every start-up
    print a screenful of alarming lines while Rasa loaded its model.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return not (getattr(record, "status_code", None) == 503
                    and getattr(request, "path", None) == "/healthz")
