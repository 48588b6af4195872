"""Shared fixtures. In the scaled run (SIGNPOST_REQUIRE_SCALED=1) a missing PostgreSQL or Redis
stops the whole session with an error: those tests never skip silently."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.leaflets.cdp import AXE_JS, Browser
from tests.stack import RunningStack, scaled_config, start_stack

if TYPE_CHECKING:
    from organisations.models import Organisation


def pytest_collection_finish(session: pytest.Session) -> None:
    """Importing rasa_sdk (Sanic) while collecting switches the whole process to uvloop; the
    service's web and worker processes run on the standard event loop, so the tests do too."""
    asyncio.set_event_loop_policy(None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium ``browser``: what a page shows does not depend on the
    database engine, so the scaled stage runs only the browser tests that are themselves
    ``scaled`` (scripts/test_scaled.sh) and the embedded stage runs them all."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(
    scope="session",
    params=["embedded", pytest.param("scaled", marks=pytest.mark.scaled)],
)
def stack(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """The whole service on free loopback ports, in a private var/ folder, in each mode.

    embedded: SQLite and Huey on SQLite, one worker, one Rasa server. scaled: fresh PostgreSQL
    databases and Redis, two workers, two Rasa servers sharing the tracker and lock stores.
    """
    var_dir: Path = tmp_path_factory.mktemp(f"stack-{request.param}")
    scaled = None
    if request.param == "scaled":
        scaled = scaled_config(f"signpost_stack_{uuid.uuid4().hex[:10]}")
    running = start_stack(var_dir, scaled=scaled)
    try:
        yield running
    finally:
        running.stop()



_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server",
                                "django_db_reset_sequences", "django_db_serialized_rollback"})


@pytest.fixture(autouse=True, scope="session")
def _catalogs_from_the_files_by_default() -> None:
    """Outside a test that has the database, catalogs come from the repository's files, as in
    the Rasa processes: a module- or session-scoped fixture (set up before any test's own
    fixtures) must never reach for the reviewed-catalogs table."""
    from i18n import catalogs

    catalogs.use_reviewed_source(None)


@pytest.fixture(autouse=True)
def _reviewed_catalogs_need_the_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """The web app prefers a deployment's reviewed catalogs (a table) over the repository's
    files: a test with the database reads them as the web app does, and hands the files back."""
    from i18n import catalogs
    from leaflets import publishing

    uses_db = (request.node.get_closest_marker("django_db") is not None
               or not _DATABASE_FIXTURES.isdisjoint(request.fixturenames))
    if not uses_db:
        yield
        return
    publishing.forget()
    catalogs.use_reviewed_source(publishing.reviewed_source)
    yield
    catalogs.use_reviewed_source(None)
    publishing.forget()


@pytest.fixture
def force(db: None) -> Organisation:
    """A police force (``tests.factories.make_force``): one definition for every test package."""
    from tests.factories import make_force

    return make_force()


@pytest.fixture
def admin_client(db: None, admin_user: Any) -> Any:
    """pytest-django's ``admin_client``, past the second factor the admin asks for."""
    from django.test import Client

    from tests.second_factor import verified_login

    client = Client()
    verified_login(client, admin_user)
    return client


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test module, with axe-core loaded into every page."""
    chrome = Browser()
    chrome.page("Page.addScriptToEvaluateOnNewDocument", source=AXE_JS.read_text())
    try:
        yield chrome
    finally:
        chrome.close()
