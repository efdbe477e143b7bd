"""The app database: one psycopg 3 connection pool, transactions, and schema readiness."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from creative_pipeline.resources.supabase.embedded import embedded_database_url
from creative_pipeline.resources.supabase.migrations import apply_migrations, schema_is_current


class DatabaseNotReady(RuntimeError):
    """The target database lacks the schema and we are not allowed to create it."""


class Database:
    """A pool plus the rules for getting a connection.

    `prepare_threshold=None` keeps psycopg from preparing statements, which Supabase's
    transaction pooler (port 6543) does not support.
    """

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 8) -> None:
        self.url = url
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs={"row_factory": dict_row, "prepare_threshold": None, "autocommit": False},
            open=True,
            name="creative_pipeline",
        )

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        with self._pool.connection() as conn:
            with conn.transaction():
                yield conn

    def close(self) -> None:
        self._pool.close()


_DATABASES: dict[str, Database] = {}
_LOCK = threading.Lock()


def resolve_database_url(database_url: str | None, data_dir: Path) -> tuple[str, bool]:
    """(url, embedded?) — DATABASE_URL when given, else the embedded server."""
    if database_url:
        return database_url, False
    return embedded_database_url(data_dir), True


def get_database(
    database_url: str | None, data_dir: Path, supabase_dir: Path, *, auto_migrate: bool | None = None
) -> Database:
    """The process-wide Database for a target; the embedded default migrates itself."""
    url, embedded = resolve_database_url(database_url, data_dir)
    with _LOCK:
        if url in _DATABASES:
            return _DATABASES[url]
        with psycopg.connect(url, autocommit=True) as conn:
            if not schema_is_current(conn, supabase_dir):
                if auto_migrate if auto_migrate is not None else embedded:
                    apply_migrations(conn, supabase_dir)
                else:
                    raise DatabaseNotReady(
                        "the database at DATABASE_URL has pending migrations: "
                        "run `creative-pipeline db migrate` first"
                    )
        _DATABASES[url] = Database(url)
        return _DATABASES[url]
