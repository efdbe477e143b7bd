"""`db migrate` semantics on a real, empty PostgreSQL database."""

import psycopg
import pytest

from creative_pipeline.prompts.ad_patterns import load_patterns
from creative_pipeline.resources.supabase.migrations import apply_migrations, list_migrations, schema_is_current
from creative_pipeline_tests.conftest import SUPABASE_DIR, fresh_database


@pytest.fixture
def empty_database(pg_url: str):
    with fresh_database(pg_url, "cp_migrate") as url:
        yield url


def test_migrate_is_idempotent_and_tracked_like_the_supabase_cli(empty_database: str) -> None:
    with psycopg.connect(empty_database, autocommit=True) as conn:
        assert not schema_is_current(conn, SUPABASE_DIR)
        first = apply_migrations(conn, SUPABASE_DIR)
        second = apply_migrations(conn, SUPABASE_DIR)
        assert first.applied == [m.path.name for m in list_migrations(SUPABASE_DIR)]
        assert first.bootstrap_applied and not first.target_is_supabase
        assert second.applied == [] and len(second.already_applied) == len(first.applied)
        assert schema_is_current(conn, SUPABASE_DIR)
        versions = [r[0] for r in conn.execute("select version from supabase_migrations.schema_migrations order by 1")]
        assert versions == [m.version for m in list_migrations(SUPABASE_DIR)]
        # the seed ran once, not twice
        assert conn.execute("select count(*) from viral_examples").fetchone()[0] == len(load_patterns())
        rls = conn.execute("select count(*) from pg_tables where schemaname = 'public' and not rowsecurity").fetchone()[0]
        assert rls == 0  # RLS on every table
        assert conn.execute("select public from storage.buckets where id = 'creatives'").fetchone()[0] is False


def test_migration_files_follow_the_cli_naming(tmp_path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "001_bad.sql").write_text("select 1")
    with pytest.raises(ValueError, match="YYYYMMDDHHMMSS"):
        list_migrations(tmp_path)


def test_every_foreign_key_is_indexed(empty_database: str) -> None:
    with psycopg.connect(empty_database, autocommit=True) as conn:
        apply_migrations(conn, SUPABASE_DIR)
        unindexed = conn.execute(
            """
            select c.conrelid::regclass::text as tbl, a.attname as col
            from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
            where c.contype = 'f' and c.connamespace = 'public'::regnamespace
              and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
            """
        ).fetchall()
        assert unindexed == []


# Human decisions and money records: no foreign key may cascade-delete them with their company.
DURABLE_TABLES = ["creative_reviews", "api_usage", "compliance_overrides", "video_renders"]


def test_decisions_and_money_records_never_cascade_from_their_company(db) -> None:
    with db.transaction() as conn:
        rows = conn.execute(
            """select c.conrelid::regclass::text as tbl, c.confdeltype as on_delete
                 from pg_constraint c
                where c.contype = 'f' and c.confrelid = 'public.companies'::regclass
                  and c.conrelid::regclass::text = any(%s)""",
            (DURABLE_TABLES,),
        ).fetchall()
    found = {r["tbl"]: r["on_delete"] for r in rows}
    assert set(found) == set(DURABLE_TABLES)
    assert {t: d for t, d in found.items() if d == "c"} == {}  # 'c' = on delete cascade
