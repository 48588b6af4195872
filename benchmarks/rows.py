"""Write many rows fast, past the ORM: COPY on PostgreSQL, ``executemany`` on SQLite.

Rows are dicts keyed by column name (a foreign key's ``<name>_id``); a missing column takes the
field's default. Values are plain Python (str, int, bool, None, aware datetime, UUID, dict or
list for JSON) and are written as Django would store them on each database.

>>> _copy_text([None, True, 3, 'a\\tb', {'k': [1]}])
'\\\\N\\tt\\t3\\ta\\\\tb\\t{"k": [1]}\\n'
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

Row = dict[str, Any]
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value)
    return str(value).translate(_COPY_ESCAPES)


def _copy_text(values: Sequence[object]) -> str:
    """One line of PostgreSQL's COPY text format."""
    return "\t".join(_copy_value(value) for value in values) + "\n"


def _sqlite_value(value: object) -> Any:
    if isinstance(value, datetime):  # Django keeps naive UTC text on SQLite
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def write_rows(model: type[models.Model], rows: Sequence[Row]) -> int:
    """Insert ``rows`` into the model's table as they are (ids included); returns how many."""
    if not rows:
        return 0
    fields = model._meta.concrete_fields
    names = [field.column for field in fields]
    defaults = {field.column: field.get_default() for field in fields}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join(_copy_text([row.get(name, defaults[name]) for name in names])
                           for row in rows)
            cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", io.StringIO(text))
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                               [[_sqlite_value(row.get(name, defaults[name])) for name in names]
                                for row in rows])
    return len(rows)
