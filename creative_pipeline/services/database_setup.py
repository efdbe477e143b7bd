"""`db migrate`: apply supabase/migrations (+ the local bootstrap on plain PostgreSQL) to the
configured database (DATABASE_URL, else the embedded server, started here when needed)."""

from __future__ import annotations

import psycopg
from pydantic import BaseModel

from creative_pipeline.resources.supabase.database import resolve_database_url
from creative_pipeline.resources.supabase.migrations import MigrationReport, apply_migrations
from creative_pipeline.services.runtime import settings


class Migrated(BaseModel):
    target: str  # "embedded PostgreSQL", "Supabase project" or "PostgreSQL (DATABASE_URL)"
    report: MigrationReport


def migrate(*, seed: bool = True) -> Migrated:
    s = settings()
    url, embedded = resolve_database_url(s.database_url, s.data_dir)
    with psycopg.connect(url, autocommit=True) as conn:
        report = apply_migrations(conn, s.supabase_dir, seed=seed)
    target = "embedded PostgreSQL" if embedded else ("Supabase project" if report.target_is_supabase else "PostgreSQL (DATABASE_URL)")
    return Migrated(target=target, report=report)
