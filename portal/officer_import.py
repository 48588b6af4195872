"""Officers from a file: read a force administrator's CSV and say, row by row, what applying it
would do — create an account, update one (role, units, collar number), leave it as it is, or
refuse the row with a plain reason. Nothing here writes; ``portal.officer_import_apply`` does.

Columns (a header row, any order): ``username``, ``role`` (officer or supervisor), ``units``
(the force's own unit names, ``;`` between them), and optionally ``full name``, ``email`` and
``collar number``. UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8").

Usernames are compared without regard to capitals (``PC.Smith`` and ``pc.smith`` would be two
accounts one person could confuse), the form Django stores them in (NFKC).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower

from organisations.models import Membership, Organisation, Unit
from organisations.roles import FORCE_ROLES, Role

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
NAME_MAX = 150  # Django's first_name and last_name
COLLAR_MAX = 20  # Membership.collar_number
REQUIRED = ("username", "role", "units")
# Header spellings people type, to the column they mean.
COLUMNS = {
    "username": "username", "user name": "username",
    "full name": "full_name", "full_name": "full_name", "name": "full_name",
    "email": "email", "email address": "email", "e-mail": "email",
    "role": "role",
    "units": "units", "unit": "units", "unit names": "units",
    "collar number": "collar_number", "collar_number": "collar_number", "collar": "collar_number",
}


class FileRefused(ValueError):
    """The whole file cannot be read: too big, not UTF-8, no usable header."""


class Outcome(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class Row:
    line: int  # the line in the file (the header is line 1), as a spreadsheet numbers it
    username: str
    full_name: str = ""
    email: str = ""
    role: str = ""
    units: tuple[str, ...] = ()
    collar_number: str = ""
    extra_cells: bool = False  # more cells than the header names: a comma left unquoted?


@dataclass(frozen=True)
class Planned:
    row: Row
    outcome: Outcome
    reasons: tuple[str, ...] = ()  # why refused, or what changes ("role", "units")
    unit_ids: frozenset[int] = frozenset()
    user_id: int | None = None


@dataclass(frozen=True)
class Plan:
    rows: tuple[Planned, ...]
    counts: Counter[Outcome] = field(default_factory=Counter)

    def of(self, *outcomes: Outcome) -> list[Planned]:
        return [planned for planned in self.rows if planned.outcome in outcomes]

    @property
    def changes(self) -> int:
        return self.counts[Outcome.CREATE] + self.counts[Outcome.UPDATE]


def read_file(data: bytes) -> list[Row]:
    """The rows of an uploaded file; ``FileRefused`` says in plain words why there are none."""
    if len(data) > MAX_BYTES:
        raise FileRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MiB: split it.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused("The file is not UTF-8 text: in Excel, save it as "
                          "“CSV UTF-8 (comma delimited)”.") from error
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FileRefused(f"The file is not a CSV file the portal can read ({error}).") from error
    header, body = _columns(lines[0] if lines else []), lines[1:]
    rows = [_row(number, header, cells) for number, cells in enumerate(body, start=2)
            if any(cell.strip() for cell in cells)]
    if not rows:
        raise FileRefused("The file has a header but no officers.")
    if len(rows) > MAX_ROWS:
        raise FileRefused(f"The file has {len(rows)} officers; the most in one file is "
                          f"{MAX_ROWS}: split it.")
    return rows


def _columns(header: list[str]) -> list[str]:
    if not any(cell.strip() for cell in header):
        raise FileRefused("The file is empty: the first line must name the columns "
                          "(username, full name, email, role, units).")
    names = [" ".join(cell.strip().lower().replace("_", " ").split()) for cell in header]
    unknown = [cell for cell, name in zip(header, names, strict=True)
               if name and name not in COLUMNS]
    if unknown:
        raise FileRefused(f"Unknown column: {', '.join(unknown)}. The columns are username, "
                          "full name, email, role, units and collar number.")
    columns = [COLUMNS.get(name, "") for name in names]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FileRefused(f"The first line has no {', '.join(missing)} column.")
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    if repeated:
        raise FileRefused(f"The column {', '.join(repeated)} is there twice.")
    return columns


def _row(line: int, columns: list[str], cells: list[str]) -> Row:
    values = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}
    units = tuple(name.strip() for name in values.get("units", "").split(";") if name.strip())
    extra = any(cell.strip() for cell in cells[len(columns):])
    return Row(line=line, username=User.normalize_username(values.get("username", "")),
               full_name=" ".join(values.get("full_name", "").split()),
               email=values.get("email", ""), role=values.get("role", "").lower(),
               units=units, collar_number=values.get("collar_number", ""),
               extra_cells=extra)


def _row_problems(row: Row, units: dict[str, Unit]) -> list[str]:
    problems: list[str] = []
    if not row.username:
        problems.append("No username.")
    else:
        try:
            User.username_validator(row.username)
            if len(row.username) > 150:
                raise ValidationError("too long")
        except ValidationError:
            problems.append("The username may have letters, digits and @ . + - _ only, "
                            "at most 150.")
    if row.role not in {role.value for role in FORCE_ROLES}:
        problems.append(_role_problem(row.role))
    if row.extra_cells:
        problems.append("More cells than columns (a comma inside a name? Put it in quotes).")
    if not row.units:
        problems.append("No unit: name at least one of the force's units.")
    unknown = [name for name in row.units if name.casefold() not in units]
    if unknown:
        problems.append(f"Not a unit of this force: {', '.join(unknown)}.")
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            problems.append("Not an email address.")
    if len(row.full_name) > NAME_MAX:
        problems.append(f"The full name is longer than {NAME_MAX} characters.")
    if len(row.collar_number) > COLLAR_MAX:
        problems.append(f"The collar number is longer than {COLLAR_MAX} characters.")
    return problems


def _role_problem(role: str) -> str:
    if not role:
        return "No role: officer or supervisor."
    if role == Role.CASEWORKER.value:
        return "A caseworker works for a support service, not a force: officer or supervisor."
    if role == Role.ADMIN.value:
        return "Administrators are not added from a file: officer or supervisor."
    return "The role must be officer or supervisor."


def _existing(usernames: Iterable[str]) -> dict[str, User]:
    """Accounts whose username matches one of these regardless of capitals, by casefold."""
    folded = sorted({name.lower() for name in usernames if name})
    found: dict[str, User] = {}
    users = (User.objects.annotate(folded=Lower("username")).filter(folded__in=folded)
             .select_related("membership").prefetch_related("membership__units"))
    for user in users:
        found[user.username.lower()] = user
    return found


def plan_import(*, force: Organisation, rows: list[Row]) -> Plan:
    """What applying these rows to ``force`` would do, row by row (read only)."""
    units = {unit.name.casefold(): unit for unit in Unit.objects.filter(organisation=force)}
    seen = Counter(row.username.lower() for row in rows if row.username)
    lines: dict[str, list[int]] = {}
    for row in rows:
        lines.setdefault(row.username.lower(), []).append(row.line)
    existing = _existing(row.username for row in rows)
    planned: list[Planned] = []
    for row in rows:
        problems = _row_problems(row, units)
        if row.username and seen[row.username.lower()] > 1:
            others = [str(n) for n in lines[row.username.lower()] if n != row.line]
            problems.append(f"The username is in the file more than once (also line "
                            f"{', '.join(others)}).")
        planned.append(_plan_row(force, row, problems, units, existing.get(row.username.lower())))
    return Plan(rows=tuple(planned), counts=Counter(p.outcome for p in planned))


def _plan_row(force: Organisation, row: Row, problems: list[str], units: dict[str, Unit],
              user: User | None) -> Planned:
    membership: Membership | None = getattr(user, "membership", None) if user else None
    if user is not None:
        if membership is None or membership.organisation_id != force.pk:
            problems.append("The username belongs to an account outside this force.")
        elif user.username != row.username:
            problems.append(f"An account of this force has this username in other capitals "
                            f"({user.username}).")
        elif membership.role not in {role.value for role in FORCE_ROLES}:
            problems.append("This account is the force's administrator: change it in the "
                            "admin, not from a file.")
    if problems:
        return Planned(row, Outcome.ERROR, tuple(problems))
    unit_ids = frozenset(units[name.casefold()].pk for name in row.units)
    if user is None or membership is None:
        return Planned(row, Outcome.CREATE, unit_ids=unit_ids)
    changed = []
    if membership.role != row.role:
        changed.append("role")
    if {unit.pk for unit in membership.units.all()} != unit_ids:
        changed.append("units")
    if row.collar_number and membership.collar_number != row.collar_number:
        changed.append("collar number")
    outcome = Outcome.UPDATE if changed else Outcome.UNCHANGED
    return Planned(row, outcome, tuple(changed), unit_ids=unit_ids, user_id=user.pk)
