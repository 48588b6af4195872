"""Consistency: the portal's templates carry no inline script, event handler or style, so the
Content-Security-Policy needs no exception for them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "portal" / "templates").rglob("*.html"))
INLINE = [re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), re.compile(r"\son[a-z]+\s*=", re.I),
          re.compile(r"\sstyle\s*=", re.I), re.compile(r"<style", re.I)]


def test_there_are_templates() -> None:
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_inline_script_or_style(path: Path) -> None:
    text = path.read_text()
    assert not [pattern.pattern for pattern in INLINE if pattern.search(text)]
