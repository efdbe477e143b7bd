"""Apply `supabase/migrations` the way the Supabase CLI does, tracked in the CLI's own table.

On plain PostgreSQL (embedded default, tests, a self-hosted server) the local bootstrap
(`supabase/local/bootstrap.sql`: auth schema, roles, storage stub) goes first. A Supabase
project already has all of that, so the bootstrap is never applied there.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
from pydantic import BaseModel

_MIGRATION_NAME = re.compile(r"^(?P<version>\d{14})_(?P<name>[a-z0-9_]+)\.sql$")
_LOCK_KEY = 804_117_2026  # advisory lock: concurrent migrators wait instead of racing


class Migration(BaseModel):
    version: str
    name: str
    path: Path


class MigrationReport(BaseModel):
    target_is_supabase: bool
    bootstrap_applied: bool
    applied: list[str]
    already_applied: list[str]
    seed_applied: bool


def list_migrations(supabase_dir: Path) -> list[Migration]:
    found = []
    for path in sorted((supabase_dir / "migrations").glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file {path.name} is not <YYYYMMDDHHMMSS>_<name>.sql")
        found.append(Migration(version=match["version"], name=match["name"], path=path))
    return found


def is_supabase(conn: psycopg.Connection) -> bool:
    """A Supabase project has the `supabase_admin` role; plain PostgreSQL does not."""
    row = conn.execute("select exists(select 1 from pg_roles where rolname = 'supabase_admin')").fetchone()
    return bool(_first(row))


def applied_versions(conn: psycopg.Connection) -> set[str]:
    exists = conn.execute("select to_regclass('supabase_migrations.schema_migrations') is not null").fetchone()
    if not _first(exists):
        return set()
    return {_first(r) for r in conn.execute("select version from supabase_migrations.schema_migrations")}


def schema_is_current(conn: psycopg.Connection, supabase_dir: Path) -> bool:
    return {m.version for m in list_migrations(supabase_dir)} <= applied_versions(conn)


def apply_migrations(conn: psycopg.Connection, supabase_dir: Path, *, seed: bool = True) -> MigrationReport:
    """Apply what is pending, each migration in its own transaction; idempotent."""
    conn.autocommit = True
    conn.execute("select pg_advisory_lock(%s)", (_LOCK_KEY,))
    try:
        supabase = is_supabase(conn)
        if not supabase:
            with conn.transaction():
                conn.execute((supabase_dir / "local" / "bootstrap.sql").read_text())
        conn.execute("create schema if not exists supabase_migrations")
        conn.execute(
            "create table if not exists supabase_migrations.schema_migrations "
            "(version text primary key, statements text[], name text)"
        )
        done = applied_versions(conn)
        applied, skipped = [], []
        for migration in list_migrations(supabase_dir):
            if migration.version in done:
                skipped.append(migration.path.name)
                continue
            sql = migration.path.read_text()
            with conn.transaction():
                conn.execute(sql)
                conn.execute(
                    "insert into supabase_migrations.schema_migrations (version, statements, name) "
                    "values (%s, %s, %s)",
                    (migration.version, [sql], migration.name),
                )
            applied.append(migration.path.name)
        seed_path = supabase_dir / "seed.sql"
        if seed and seed_path.exists():
            with conn.transaction():
                conn.execute(seed_path.read_text())
        return MigrationReport(
            target_is_supabase=supabase,
            bootstrap_applied=not supabase,
            applied=applied,
            already_applied=skipped,
            seed_applied=seed and seed_path.exists(),
        )
    finally:
        conn.execute("select pg_advisory_unlock(%s)", (_LOCK_KEY,))


def _first(row: object) -> object:
    if row is None:
        return None
    if isinstance(row, dict):
        return next(iter(row.values()))
    return row[0]  # type: ignore[index]
