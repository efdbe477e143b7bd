"""Throwaway PostgreSQL databases and the URL form Dagster's storage wants, free of fixtures and of
the test settings `conftest.py` exports, so the benchmarks that start real services can use them too."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg


@contextmanager
def fresh_database(server_url: str, prefix: str = "cp_test") -> Iterator[str]:
    """A new, empty database on the server of `server_url`, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    try:
        yield psycopg.conninfo.make_conninfo(server_url, dbname=name)
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def sqlalchemy_url(conninfo: str) -> str:
    """dagster-postgres wants a SQLAlchemy URL naming psycopg2 (STACK_NOTES); the test database may
    be on a Unix socket (the embedded server), which psycopg2 takes as a `host` query parameter."""
    parts = psycopg.conninfo.conninfo_to_dict(conninfo)
    user = parts.get("user") or "postgres"
    password = f":{parts['password']}" if parts.get("password") else ""
    host = str(parts.get("host") or "127.0.0.1")
    port = parts.get("port")
    if host.startswith("/"):
        query = f"?host={host}" + (f"&port={port}" if port else "")
        return f"postgresql+psycopg2://{user}{password}@/{parts['dbname']}{query}"
    return f"postgresql+psycopg2://{user}{password}@{host}:{port or 5432}/{parts['dbname']}"
