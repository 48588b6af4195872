"""What an API key may do. A key carries a list of these; each route needs one."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    LEAFLETS_ISSUE = "leaflets:issue"
    LEAFLETS_READ = "leaflets:read"
    CRIMES_LOAD = "crimes:load"
    CASE_EVENTS_WRITE = "case-events:write"


def parse_scopes(values: list[str]) -> list[Scope]:
    """The scopes named, deduplicated in a fixed order; ValueError names an unknown one.

    >>> parse_scopes(["crimes:load", "leaflets:read", "crimes:load"])
    [<Scope.LEAFLETS_READ: 'leaflets:read'>, <Scope.CRIMES_LOAD: 'crimes:load'>]
    """
    unknown = sorted(set(values) - {scope.value for scope in Scope})
    if unknown:
        raise ValueError(f"unknown scope(s): {', '.join(unknown)}")
    return [scope for scope in Scope if scope.value in values]
