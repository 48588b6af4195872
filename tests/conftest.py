"""Shared fixtures. In the scaled run (SIGNPOST_REQUIRE_SCALED=1) a missing PostgreSQL or Redis
stops the whole session with an error: those tests never skip silently."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stack import RunningStack, start_stack


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("SIGNPOST_REQUIRE_SCALED") != "1":
        return
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres"):
        problems.append("DATABASE_URL is not a PostgreSQL URL")
    else:
        import psycopg2

        try:
            server = database_url.rsplit("/", 1)[0] + "/postgres"
            psycopg2.connect(server, connect_timeout=5).close()
        except psycopg2.OperationalError as error:
            problems.append(f"PostgreSQL does not answer ({type(error).__name__})")
    if not redis_url.startswith("redis"):
        problems.append("REDIS_URL is not a Redis URL")
    else:
        import redis

        try:
            redis.Redis.from_url(redis_url, socket_timeout=5).ping()
        except redis.RedisError as error:
            problems.append(f"Redis does not answer ({type(error).__name__})")
    if problems:
        pytest.exit("scaled mode required but unavailable: " + "; ".join(problems), returncode=3)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """The whole service (all six processes) on free loopback ports, in a private var/ folder."""
    var_dir: Path = tmp_path_factory.mktemp("stack-var")
    running = start_stack(var_dir)
    try:
        yield running
    finally:
        running.stop()
