"""`stage_runs`: the step wrapper opens an attempt at the start and closes it at the end, with the
failure's own words; the table is in the Realtime publication and readable only by the owner."""

from __future__ import annotations

import json
import uuid

from dagster import DagsterInstance

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.stage_runs import latest_stage_runs
from creative_pipeline_tests.conftest import add_company, site_settings
from creative_pipeline_tests.integration.spend.helpers import run_stage
from creative_pipeline.resources.build import build_resources


def test_each_attempt_is_recorded_with_its_outcome(clean_db: Database, settings, sample_site: str,
                                                   dagster_instance: DagsterInstance) -> None:
    company = add_company(clean_db, sample_site, name="Stage Co")
    resources = build_resources(site_settings(settings, sample_site))
    ok, _ = run_stage(company.slug, "company_context", dagster_instance, resources)
    assert ok
    ok, message = run_stage(company.slug, "winners", dagster_instance, resources)  # upstream missing: fails
    assert not ok
    with clean_db.transaction() as conn:
        runs = latest_stage_runs(conn, company.id)
        rows = conn.execute("select stage, status, finished_at, run_id from stage_runs where company_id = %s",
                            (company.id,)).fetchall()
    assert set(runs) == {"company_context", "winners"}
    assert runs["company_context"].status == "succeeded" and runs["company_context"].error is None
    assert runs["company_context"].finished_at >= runs["company_context"].started_at
    assert runs["winners"].status == "failed"
    assert "materialize `script_compliance` first" in (runs["winners"].error or "")
    run_ids = {r.run_id for r in dagster_instance.get_runs()}
    assert {r["run_id"] for r in rows} <= run_ids and all(r["finished_at"] for r in rows)


def test_stage_runs_are_published_and_owner_only(clean_db: Database) -> None:
    owner, other = uuid.uuid4(), uuid.uuid4()
    with clean_db.transaction() as conn:
        conn.execute("insert into auth.users (id) values (%s), (%s)", (owner, other))
    company = add_company(clean_db, "https://owned.example", user_id=owner)
    with clean_db.transaction() as conn:
        conn.execute("insert into stage_runs (company_id, stage, status, run_id) values (%s, 'personas', 'running', 'r1')",
                     (company.id,))
        published = conn.execute("select 1 from pg_publication_tables where pubname = 'supabase_realtime' "
                                 "and tablename = 'stage_runs'").fetchone()
        seen = {}
        for who in (owner, other):
            conn.execute("set local role authenticated")
            conn.execute("select set_config('request.jwt.claims', %s, true)",
                         (json.dumps({"sub": str(who), "role": "authenticated"}),))
            seen[who] = conn.execute("select count(*) as n from stage_runs").fetchone()["n"]
            conn.execute("reset role")
    assert published is not None
    assert seen == {owner: 1, other: 0}
