"""Read an uploaded CSV of crime reports into row dictionaries (no database, no parsing of values).

>>> read_csv(b"crime_reference,reported_at\\r\\nAB/1,2026-03-01\\r\\n").rows
[(2, {'crime_reference': 'AB/1', 'reported_at': '2026-03-01'})]
>>> read_csv(b"ref,when\\n").problem
'The first line must name the columns: missing crime_reference, reported_at.'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

REQUIRED = ("crime_reference", "reported_at")
OPTIONAL = ("unit_name", "crime_type")
ALIASES = {"unit": "unit_name", "reference": "crime_reference", "type": "crime_type"}
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000


@dataclass(frozen=True)
class CsvRows:
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # (line, values)
    problem: str = ""  # the whole file is refused when set


def _column(name: str) -> str:
    key = name.strip().lower().replace(" ", "_")
    return ALIASES.get(key, key)


def read_csv(data: bytes) -> CsvRows:
    """The data rows keyed by column name, each with its line number (the header is line 1).

    A problem with the file as a whole is reported once, in ``problem``.
    """
    if len(data) > MAX_BYTES:
        return CsvRows(problem=f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return CsvRows(problem="The file is not UTF-8 text: save it as 'CSV UTF-8'.")
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            return CsvRows(problem="The file is empty.")
        columns = [_column(name) for name in header]
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            return CsvRows(problem="The first line must name the columns: missing "
                           + ", ".join(missing) + ".")
        known = set(REQUIRED) | set(OPTIONAL)
        rows: list[tuple[int, dict[str, object]]] = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                return CsvRows(problem=f"The file has more than {MAX_ROWS} rows: split it.")
            rows.append((reader.line_num, {
                name: value for name, value in zip(columns, values, strict=False) if name in known
            }))
    except csv.Error:
        return CsvRows(problem="The file is not valid CSV.")
    return CsvRows(rows=rows)
