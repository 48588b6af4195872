"""Log lines a machine can parse: one JSON object per line (``SIGNPOST_LOG_FORMAT=json``).

The fields are the same as the plain format's — time, level, logger, message — plus the
traceback of an exception, so a log shipper needs no pattern. What a line may say is unchanged:
no phone number, email address or name is ever put into a log message.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class JsonLines(logging.Formatter):
    """One JSON object per record.

    >>> record = logging.LogRecord("messaging.sending", logging.WARNING, __file__, 1,
    ...                            "message %s not sent", (42,), None)
    >>> record.created = 1796644800.5
    >>> print(JsonLines().format(record))
    {"time": "2026-12-07T12:00:00.500000+00:00", "level": "WARNING", "logger": "messaging.sending", "message": "message 42 not sent"}
    """  # noqa: E501

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
