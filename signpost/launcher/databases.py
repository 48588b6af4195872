"""Create the scaled mode's PostgreSQL databases (the app's and Rasa's trackers') if missing."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

from signpost.launcher.stack import Scaled


def _server_url(database_url: str) -> str:
    """The same server, but the `postgres` maintenance database."""
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def ensure_databases(scaled: Scaled) -> list[str]:
    """Create whichever of the two databases does not exist yet; return the names created."""
    wanted = [urlsplit(scaled.database_url).path.lstrip("/"), scaled.rasa_database]
    created = []
    connection = psycopg2.connect(_server_url(scaled.database_url), connect_timeout=10)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for name in wanted:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone() is None:
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                    created.append(name)
    finally:
        connection.close()
    return created


def drop_databases(scaled: Scaled) -> None:
    """Drop both databases (test clean-up)."""
    connection = psycopg2.connect(_server_url(scaled.database_url), connect_timeout=10)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for name in (urlsplit(scaled.database_url).path.lstrip("/"), scaled.rasa_database):
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    finally:
        connection.close()
