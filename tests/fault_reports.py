"""What the fault and hosts tests share: printing what they injected and counted, and running
the load beside the fault in a thread whose error the test re-raises."""

from __future__ import annotations

import threading
from typing import Any


def report(tag: str, title: str, **figures: Any) -> None:
    print(f"\n[{tag}] {title}")  # noqa: T201 (the figures are the output)
    for name, value in figures.items():
        print(f"    {name}: {value}")  # noqa: T201


def in_background(target: Any) -> tuple[threading.Thread, dict[str, Any]]:
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = target()
        except Exception as error:  # re-raised by the test after join()
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box
