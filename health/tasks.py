"""Tasks that let the web process see that a worker is taking jobs."""

from __future__ import annotations

from huey.contrib.djhuey import task


@task(expires=30)  # type: ignore[untyped-decorator]  # huey ships no types
def ping(nonce: int) -> int:
    """Answer the nonce back; the health probe waits for it."""
    return nonce
