from __future__ import annotations

from typing import Any

import pytest

from tests.portal.factories import World, make_world

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_passwords(request: pytest.FixtureRequest, settings: Any) -> None:
    """argon2 is slow on purpose; tests that are not about passwords use a fast hasher."""
    if "argon2" not in request.node.name:
        settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def world(db: None) -> World:
    return make_world()
