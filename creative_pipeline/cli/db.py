"""`db migrate`: apply supabase/migrations (+ the local bootstrap on plain PostgreSQL)."""

from __future__ import annotations

import argparse

import psycopg

from creative_pipeline.cli.runtime import settings
from creative_pipeline.resources.supabase.database import resolve_database_url
from creative_pipeline.resources.supabase.migrations import apply_migrations


def migrate(args: argparse.Namespace) -> int:
    s = settings()
    url, embedded = resolve_database_url(s.database_url, s.data_dir)
    with psycopg.connect(url, autocommit=True) as conn:
        report = apply_migrations(conn, s.supabase_dir, seed=not args.no_seed)
    target = "embedded PostgreSQL" if embedded else ("Supabase project" if report.target_is_supabase else "PostgreSQL (DATABASE_URL)")
    print(f"target: {target}")
    print(f"local bootstrap: {'applied' if report.bootstrap_applied else 'skipped (Supabase provides auth, roles, storage)'}")
    print(f"applied: {', '.join(report.applied) or 'nothing pending'}")
    print(f"already applied: {len(report.already_applied)}; seed: {'applied' if report.seed_applied else 'skipped'}")
    return 0
