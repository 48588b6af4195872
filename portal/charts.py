"""Server-rendered bar charts: plain SVG, no script; the table behind each carries the figures.

The label column is as wide as the longest label needs (estimated from its characters, since
the server cannot measure the browser's font), so no label is cut off on either side.

>>> svg = bar_chart(title="By unit", labels=["North", "South"], values=[3, 1])
>>> svg.startswith("<svg") and "North" in svg and "<script" not in svg
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT_SIZE = 15
BAR_HEIGHT = 28
GAP = 8
PAD = 8  # between the label and its bar, the bar and its value, and at both edges
BAR_WIDTH = 360  # the longest bar, when the labels leave room
MIN_BAR_WIDTH = 200
FIT_WIDTH = 920  # the content column (60rem less padding): charts up to it keep full-size text
MAX_BARS = 20
# Average advance of a character in em for the sans-serif stack the portal uses; generous so
# that estimates err wide (wide letters such as "W" or "M" are ~0.9 em, digits ~0.56 em).
NARROW_EM = 0.32  # i, l, j, t, f, r, punctuation, space
NORMAL_EM = 0.62
WIDE_EM = 0.95  # capitals M W, and East Asian wide characters count as a full em or more
NARROW = set("iljtfr.,:;'!|()[] -")
WIDE = set("MWmw@%")


def text_width(text: str, *, font_size: float = FONT_SIZE) -> float:
    """The estimated rendered width of ``text`` in px: never smaller than the browser's.

    >>> text_width("") == 0 and text_width("W") > text_width("i")
    True
    """
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            em += 1.1
        elif char in NARROW:
            em += NARROW_EM
        elif char in WIDE or char.isupper():
            em += WIDE_EM if char in WIDE else 0.75
        else:
            em += NORMAL_EM
    return em * font_size


@dataclass(frozen=True)
class Layout:
    label_width: float  # from the left edge to the bars
    bar_width: float  # the longest bar
    value_width: float  # after the longest bar
    width: float
    height: float


def layout(labels: Sequence[str], values: Sequence[int]) -> Layout:
    """The chart's geometry from its longest label and largest value."""
    label_width = PAD + max((text_width(label) for label in labels), default=0) + PAD
    value_width = PAD + max((text_width(str(value)) for value in values), default=0) + PAD
    height = max(1, len(labels)) * (BAR_HEIGHT + GAP) + GAP
    # Long labels take room from the bars first, so the chart still fits the column unscaled.
    bars = max(MIN_BAR_WIDTH, min(BAR_WIDTH, FIT_WIDTH - round(label_width) - round(value_width)))
    return Layout(label_width=round(label_width), bar_width=bars, value_width=round(value_width),
                  width=round(label_width) + bars + round(value_width), height=height)


def bar_chart(*, title: str, labels: Sequence[str], values: Sequence[int]) -> str:
    """A horizontal bar chart as an SVG element (role img, titled; decorative to screen readers
    beyond its title, because the table behind it holds the same figures)."""
    pairs = list(zip(labels, values, strict=True))[:MAX_BARS]
    top = max((value for _, value in pairs), default=0) or 1
    shape = layout([label for label, _ in pairs], [value for _, value in pairs])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {shape.width:.0f} {shape.height:.0f}" width="{shape.width:.0f}" '
             f'aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(pairs):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(shape.bar_width * value / top)
        text_y = y + BAR_HEIGHT * 0.7
        parts.append(f'<text x="{shape.label_width - PAD:.0f}" y="{text_y:.0f}" '
                     f'text-anchor="end" font-size="{FONT_SIZE}" fill="#0b0c0c">'
                     f"{escape(label)}</text>")
        parts.append(f'<rect x="{shape.label_width:.0f}" y="{y}" width="{length}" '
                     f'height="{BAR_HEIGHT}" fill="#1d70b8"></rect>')
        parts.append(f'<text x="{shape.label_width + length + PAD:.0f}" y="{text_y:.0f}" '
                     f'font-size="{FONT_SIZE}" fill="#0b0c0c">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)
