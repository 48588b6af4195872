"""Typed readers for configuration held in environment variables.

Settings call these once at start-up; nothing else in the code reads ``os.environ``.

>>> read_bool("SIGNPOST_DOCTEST_UNSET_FLAG", default=True, environ={})
True
>>> read_bool("X", default=False, environ={"X": "yes"})
True
>>> read_list("X", default=[], environ={"X": "a.example, b.example"})
['a.example', 'b.example']
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _source(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def read_str(name: str, *, default: str, environ: Mapping[str, str] | None = None) -> str:
    return _source(environ).get(name, default)


def read_choice(name: str, choices: tuple[str, ...], *, default: str,
                environ: Mapping[str, str] | None = None) -> str:
    """One of ``choices`` (case ignored); anything else stops the start with the choices named.

    >>> read_choice("X", ("plain", "json"), default="plain", environ={"X": "JSON"})
    'json'
    """
    value = _source(environ).get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of: {', '.join(choices)}")
    return value


def read_bool(name: str, *, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    raw = _source(environ).get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off")


def read_int(name: str, *, default: int, environ: Mapping[str, str] | None = None) -> int:
    raw = _source(environ).get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number") from None


def read_list(
    name: str, *, default: list[str], environ: Mapping[str, str] | None = None
) -> list[str]:
    raw = _source(environ).get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]
