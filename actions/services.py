"""The bridge from the action server (async, no Django set up) to Signpost's service functions."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async

P = ParamSpec("P")
R = TypeVar("R")

_ready = False


def setup_django() -> None:
    """Configure Django once per process, on first use rather than at import time."""
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signpost.settings")
    import django

    django.setup()
    _ready = True


def _with_fresh_connection(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """What Django does around every web request, done around every action's call: a
    connection the database dropped (a restart, a network cut) or one past its age is replaced.
    Without it the action server has no request cycle, so one broken connection stays broken
    and every later action of the process fails."""
    from django.db import close_old_connections

    close_old_connections()
    try:
        return function(*args, **kwargs)
    finally:
        close_old_connections()


async def call(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a synchronous service function off the event loop, in a thread Django accepts."""
    setup_django()
    return await sync_to_async(_with_fresh_connection, thread_sensitive=True)(
        function, *args, **kwargs)
