"""The action server has no request cycle: its calls replace a database connection the server
dropped, as Django does around every web request."""

from __future__ import annotations

import psycopg2
import pytest
from django.db import connection

from actions.services import call


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid: int = cursor.fetchone()[0]
        return pid


def _terminate(pid: int) -> None:
    """Cut the connection from the server's side, as a restart or a lost network does."""
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


@pytest.mark.scaled
@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_action_after_the_database_dropped_the_connection_gets_a_new_one() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (the scaled run)")
    first = await call(_backend_pid)
    await call(_terminate, first)
    second = await call(_backend_pid)
    assert second != first
    assert await call(_backend_pid) == second  # kept while it works (CONN_MAX_AGE)
