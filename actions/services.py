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


async def call(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a synchronous service function off the event loop, in a thread Django accepts."""
    setup_django()
    return await sync_to_async(function, thread_sensitive=True)(*args, **kwargs)
