"""The studio against the real database: one offline company owned by user A, produced through
`ad_images` once per module (the real chain, real Dagster), a bare company owned by user B, and
TestClients for the local default and for STUDIO_AUTH=supabase."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from dagster import instance_for_test
from fastapi.testclient import TestClient

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.settings import Settings
from creative_pipeline.studio.app import build_state, create_app
from creative_pipeline.studio.auth import mint_token
from creative_pipeline_tests.conftest import COMPANY_TABLES, add_company, site_settings

SECRET = "studio-test-secret-at-least-32-bytes-long!"


@dataclass
class Studio:
    db: Database
    settings: Settings
    resources: dict
    owned: Company  # user A's, with winners and images
    other: Company  # user B's, bare
    user_a: uuid.UUID
    user_b: uuid.UUID

    def client(self, auth: bool = False, **changes: object) -> TestClient:
        s = self.settings.model_copy(update={"studio_auth": "supabase" if auth else "off",
                                             "supabase_jwt_secret": SECRET, **changes})
        return TestClient(create_app(build_state(s, self.db, self.resources)))

    def token(self, user: uuid.UUID) -> str:
        return mint_token(user, SECRET, email=f"{str(user)[:8]}@example.test")


@pytest.fixture(scope="module")
def studio(db: Database, sample_site_module: str) -> Iterator[Studio]:
    with db.transaction() as conn:
        conn.execute(f"truncate {', '.join(COMPANY_TABLES)} cascade")
    user_a, user_b = uuid.uuid4(), uuid.uuid4()
    with db.transaction() as conn:
        conn.execute("insert into auth.users (id, email) values (%s, %s), (%s, %s)",
                     (user_a, f"a-{user_a}@example.test", user_b, f"b-{user_b}@example.test"))
    data = Path(tempfile.mkdtemp(prefix="cp-studio-", dir="/tmp"))
    s = site_settings(Settings(DATABASE_URL=db.url, CP_DATA_DIR=data, TRENDS_BACKEND="off"), sample_site_module)
    resources = build_resources(s)
    owned = add_company(db, sample_site_module, name="Brightbrew Coffee", user_id=user_a)
    other = add_company(db, "https://other.example", name="Other Co", user_id=user_b)
    with tempfile.TemporaryDirectory(dir="/dev/shm") as home, instance_for_test(temp_dir=home) as instance:
        done = run_chain(owned.slug, stage_names("ad_images"), instance=instance, resources=resources)
        assert all(ok for _, _, ok in done), done
        yield Studio(db, s, resources, owned, other, user_a, user_b)


@pytest.fixture(scope="module")
def sample_site_module() -> Iterator[str]:
    from creative_pipeline.demo.site_server import serve_sample_site

    with serve_sample_site() as url:
        yield url
