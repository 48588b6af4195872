"""Reading emulator settings: command-line argument, else environment variable, else default."""

from __future__ import annotations

from collections.abc import Mapping


def env_str(environ: Mapping[str, str], name: str, default: str) -> str:
    value = environ.get(name, "").strip()
    return value or default


def env_int(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip()
    return int(value) if value else default


def env_float(environ: Mapping[str, str], name: str, default: float) -> float:
    value = environ.get(name, "").strip()
    return float(value) if value else default
