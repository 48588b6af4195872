"""How a crime report reached us."""

from __future__ import annotations

from enum import StrEnum


class LoadSource(StrEnum):
    API = "api"
    CSV = "csv"
