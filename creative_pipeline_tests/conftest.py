"""Shared fixtures: a real PostgreSQL (DATABASE_URL, else an embedded server of the tests' own),
a real Dagster instance, and resources wired to them."""

from __future__ import annotations

import os

# Whole-step retries wait 10 s in production; a test that exercises them must not (read at import
# of creative_pipeline.assets.support, so set before anything imports the assets).
os.environ.setdefault("CP_STEP_RETRY_DELAY_S", "0.05")

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from dagster import DagsterInstance, instance_for_test

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database, get_database
from creative_pipeline.settings import PROJECT_ROOT, Settings
from creative_pipeline_tests.simulators.fixtures import gemini_simulator  # noqa: F401 - re-exported fixture
from creative_pipeline_tests.throwaway_db import fresh_database  # noqa: F401 - re-exported
from creative_pipeline_tests.suite_timing import pytest_runtest_logreport, pytest_sessionfinish  # noqa: F401 - hooks

SUPABASE_DIR = PROJECT_ROOT / "supabase"
COMPANY_TABLES = [
    "insights", "performance_data", "performance_imports", "api_usage", "creative_reviews", "assets", "scores",
    "scripts", "script_batches", "personas", "companies", "trend_cache",
    "generation_cache", "spend_reservations", "provider_rate_buckets", "provider_breakers",
]


@pytest.fixture(scope="session")
def tmp_root() -> Iterator[Path]:
    # not under /root: pgserver opens every ancestor of its data dir to its system user
    path = Path(tempfile.mkdtemp(prefix="cp-tests-", dir="/tmp"))
    yield path


@pytest.fixture(scope="session")
def pg_url(tmp_root: Path) -> Iterator[str]:
    """A fresh database: inside DATABASE_URL's server when set, else on an embedded server."""
    if os.environ.get("DATABASE_URL"):
        with fresh_database(os.environ["DATABASE_URL"]) as url:
            yield url
    else:
        from creative_pipeline.resources.supabase.embedded import embedded_database_url

        yield embedded_database_url(tmp_root / "pg")


@pytest.fixture(scope="session")
def db(pg_url: str, tmp_root: Path) -> Database:
    return get_database(pg_url, tmp_root, SUPABASE_DIR, auto_migrate=True)


@pytest.fixture
def clean_db(db: Database) -> Database:
    """The database with every company-owned row removed (reference data kept)."""
    with db.transaction() as conn:
        conn.execute(f"truncate {', '.join(COMPANY_TABLES)} cascade")
    return db


@pytest.fixture
def settings(pg_url: str, tmp_path: Path) -> Settings:
    """Offline provider, trends off (no network), storage in the test's own folder."""
    return Settings(DATABASE_URL=pg_url, CP_DATA_DIR=tmp_path / "data", TRENDS_BACKEND="off")


@pytest.fixture
def resources(settings: Settings, clean_db: Database) -> dict:
    return build_resources(settings)


@pytest.fixture
def dagster_instance() -> Iterator[DagsterInstance]:
    """A real SQLite-backed instance; on tmpfs when there is one, because SQLite's fsync per
    event dominates in-process run time on slow disks (~70 ms an event here)."""
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as home:
        with instance_for_test(temp_dir=home) as instance:
            yield instance


@pytest.fixture
def sample_site() -> Iterator[str]:
    """The demo's bundled website, served on 127.0.0.1 for real scraping."""
    from creative_pipeline.demo.site_server import serve_sample_site

    with serve_sample_site() as url:
        yield url


def site_settings(settings: Settings, site_url: str, **changes: object) -> Settings:
    host_port = site_url.removeprefix("http://").rstrip("/")
    return settings.model_copy(update={"web_allow_hosts": [host_port], **changes})


def add_company(db: Database, url: str, uvp: str = "Cold brew delivered: cafe taste at home in 10 seconds.", **kw):
    from creative_pipeline.domain.company import CompanyIn
    from creative_pipeline.resources.supabase.repositories.companies import insert_company

    with db.transaction() as conn:
        return insert_company(conn, CompanyIn(url=url, uvp=uvp, **kw))


def counts(db: Database, company_id) -> dict[str, int]:
    with db.transaction() as conn:
        return conn.execute(
            """select (select count(*) from personas where company_id = %(c)s) as personas,
                      (select count(*) from scripts where company_id = %(c)s) as scripts,
                      (select count(*) from scores where company_id = %(c)s) as scores,
                      (select count(*) from scripts where company_id = %(c)s and is_winner) as winners,
                      (select count(*) from assets where company_id = %(c)s and kind = 'image_brief') as briefs""",
            {"c": company_id},
        ).fetchone()
