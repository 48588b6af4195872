from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.hosts.layout import Layout


@pytest.fixture(scope="module")
def layout() -> Iterator[Layout]:
    """The documented layout on network namespaces, up and healthy; torn down afterwards."""
    if os.geteuid() != 0:
        pytest.fail("the hosts tests create network namespaces: run them as root (CI does)")
    running = Layout()
    try:
        running.up()
        print(f"\n[hosts] layout up on {running.net.prefix}0/24 in "  # noqa: T201
              f"{running.started_s['whole layout']:.0f} s "
              f"(database host {running.started_s['database host']:.0f} s)")
        yield running
    finally:
        running.down()
