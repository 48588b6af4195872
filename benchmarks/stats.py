"""Figures and how they are printed: percentiles, rates, ratios to a baseline, load conditions.

>>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5)
3.0
>>> summary_ms([10.0, 20.0, 30.0])
'p50 20.0 ms, p95 30.0 ms, p99 30.0 ms (n=3)'
>>> ratio(50.0, 200.0)
'0.25x baseline'
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median milliseconds of ``runs`` calls of ``action``, after one call that warms caches."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def summary_ms(values: Sequence[float]) -> str:
    if not values:
        return "no samples"
    return (f"p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, "
            f"p99 {percentile(values, 0.99):.1f} ms (n={len(values)})")


def ratio(value: float, baseline: float) -> str:
    if not baseline or math.isnan(baseline) or math.isnan(value):
        return "no baseline"
    return f"{value / baseline:.2f}x baseline"


def timed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def load_conditions() -> str:
    """The machine's state, printed beside every set of figures (the machine may be shared)."""
    one, five, _ = os.getloadavg()
    return f"cores {os.cpu_count()}, load average {one:.2f} (1 min) {five:.2f} (5 min)"


def heading(text: str) -> None:
    print(f"\n== {text} ==  [{load_conditions()}]", flush=True)


def line(label: str, text: str) -> None:
    print(f"  {label:<46} {text}", flush=True)
