"""The dashboard's bar charts: every label and value drawn inside the chart, none cut short."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from portal.charts import bar_chart, text_width

SVG = "{http://www.w3.org/2000/svg}"

LONG_NAMES = [
    "WWWWWWWWWWWWWWWWWWWWWWWWW",  # 25 wide capitals
    "Neighbourhood Policing Team Llanfairpwllgwyngyll West",
    "Ширококанальная служба поддержки потерпевших",
    "東京都港区警察署地域課",
    "i",
]


def _extents(svg: str) -> tuple[float, list[tuple[str, float, float]]]:
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own SVG, built in this test)
    width = float(root.attrib["viewBox"].split()[2])
    found = []
    for text in root.iter(f"{SVG}text"):
        content = text.text or ""
        x = float(text.attrib["x"])
        size = float(text.attrib["font-size"])
        extent = text_width(content, font_size=size)
        if text.attrib.get("text-anchor") == "end":
            found.append((content, x - extent, x))
        else:
            found.append((content, x, x + extent))
    return width, found


@pytest.mark.parametrize("values", [[1, 1, 1, 1, 1], [123456, 5, 0, 99999, 7]])
def test_every_label_and_value_lies_inside_the_view_box(values: list[int]) -> None:
    svg = bar_chart(title="By officer", labels=LONG_NAMES, values=values)
    width, extents = _extents(svg)
    assert len(extents) == 2 * len(LONG_NAMES)
    for content, left, right in extents:
        assert left >= 0, content
        assert right <= width, content


def test_labels_are_drawn_whole() -> None:
    svg = bar_chart(title="By unit", labels=LONG_NAMES, values=[1] * len(LONG_NAMES))
    drawn = re.findall(r'text-anchor="end"[^>]*>([^<]*)<', svg)
    assert drawn == LONG_NAMES


def test_estimates_err_wide() -> None:
    # A generous estimate: wide capitals at least 0.9 em, lower case at least 0.5 em.
    assert text_width("W" * 10, font_size=10) >= 90
    assert text_width("abcdefghij", font_size=10) >= 50
