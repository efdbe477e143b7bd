"""`db migrate`: apply supabase/migrations (+ the local bootstrap on plain PostgreSQL)."""

from __future__ import annotations

import argparse

from creative_pipeline.services.database_setup import migrate as apply


def migrate(args: argparse.Namespace) -> int:
    done = apply(seed=not args.no_seed)
    report = done.report
    print(f"target: {done.target}")
    print(f"local bootstrap: {'applied' if report.bootstrap_applied else 'skipped (Supabase provides auth, roles, storage)'}")
    print(f"applied: {', '.join(report.applied) or 'nothing pending'}")
    print(f"already applied: {len(report.already_applied)}; seed: {'applied' if report.seed_applied else 'skipped'}")
    return 0
