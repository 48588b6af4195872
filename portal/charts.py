"""Server-rendered bar charts: plain SVG, no script, the table beside it carries the figures.

>>> svg = bar_chart(title="By unit", labels=["North", "South"], values=[3, 1])
>>> svg.startswith("<svg") and "North" in svg and "<script" not in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT = 28
GAP = 8
LABEL_WIDTH = 190
BAR_WIDTH = 360
VALUE_WIDTH = 70
MAX_BARS = 20


def bar_chart(*, title: str, labels: Sequence[str], values: Sequence[int]) -> str:
    """A horizontal bar chart as an SVG element (role img, titled; decorative to screen readers
    beyond its title, because the table that follows it holds the same figures)."""
    pairs = list(zip(labels, values, strict=True))[:MAX_BARS]
    top = max((value for _, value in pairs), default=0) or 1
    height = max(1, len(pairs)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(pairs):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * value / top)
        text_y = y + BAR_HEIGHT * 0.7
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{text_y:.0f}" text-anchor="end" '
                     f'font-size="15" fill="#0b0c0c">{escape(short)}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
                     f'fill="#1d70b8"></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{text_y:.0f}" font-size="15" '
                     f'fill="#0b0c0c">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)
