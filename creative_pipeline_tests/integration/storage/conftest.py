"""Fixtures: one storage simulator per module, and the same tests against both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.resources.supabase.storage_local import LocalFolderStorage
from creative_pipeline.resources.supabase.storage_supabase import SupabaseStorage
from creative_pipeline_tests.simulators.storage_simulator import StorageSimulator, running_storage_simulator

FAKE_KEY = "fake-service-role-key-for-tests"  # not a JWT, not a secret: the simulator only compares strings


@pytest.fixture(scope="module")
def storage_sim_server() -> Iterator[StorageSimulator]:
    with running_storage_simulator(api_key=FAKE_KEY, buckets=("creatives", "other")) as sim:
        yield sim


@pytest.fixture
def storage_sim(storage_sim_server: StorageSimulator) -> StorageSimulator:
    storage_sim_server.reset()
    return storage_sim_server


@pytest.fixture
def supabase_storage(storage_sim: StorageSimulator) -> SupabaseStorage:
    return SupabaseStorage(storage_sim.url, FAKE_KEY, bucket="creatives", list_page_size=3)


@pytest.fixture(params=["local", "supabase"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStorage:
    if request.param == "local":
        return LocalFolderStorage(tmp_path / "storage", bucket="creatives")
    return request.getfixturevalue("supabase_storage")
