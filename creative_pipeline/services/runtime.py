"""What every use-case needs from the outside: settings, the database, the Dagster instance.

The CLI, the demo and tests reach them here, so the three agree on where data and runs live."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from creative_pipeline.resources.supabase.database import Database, get_database
from creative_pipeline.settings import Settings, get_settings

if TYPE_CHECKING:
    from dagster import DagsterInstance

    from creative_pipeline.resources.supabase.storage import ObjectStorage


def settings() -> Settings:
    return get_settings()


def database(s: Settings | None = None) -> Database:
    s = s or settings()
    return get_database(s.database_url, s.data_dir, s.supabase_dir)


def dagster_home() -> str:
    """DAGSTER_HOME as settings read it (default: the repo's dagster_home/), exported for Dagster,
    which reads the variable itself when it opens the instance."""
    home = str(settings().dagster_home)
    os.environ["DAGSTER_HOME"] = home
    return home


@lru_cache(maxsize=1)
def resources() -> dict[str, Any]:
    """The process's Dagster resources, built once from the settings (what the one `Definitions`
    binds); use-cases take `resources=` to run against others (tests, the demo's allow-listed site)."""
    from creative_pipeline.resources.build import build_resources

    return build_resources(settings())


def dagster_instance() -> DagsterInstance:
    """The instance in DAGSTER_HOME (default: the repo's dagster_home/, the embedded default), with
    Dagster's telemetry off for this process: its first-use banner would otherwise be printed between
    the CLI's progress lines when DAGSTER_HOME has no dagster.yaml saying so (an instance override,
    `InstanceRef.from_dir(overrides=...)`; the instance's files are not touched).

    Dagster is imported here, not at the top: commands that never run anything start faster."""
    from dagster import DagsterInstance
    from dagster._core.instance.ref import InstanceRef

    home = dagster_home()
    os.makedirs(home, exist_ok=True)
    return DagsterInstance.from_ref(InstanceRef.from_dir(home, overrides={"telemetry": {"enabled": False}}))


def progress(message: str) -> None:
    """One line of progress for a person watching (stderr, so stdout stays parseable)."""
    print(message, file=sys.stderr, flush=True)


def storage(s: Settings | None = None) -> ObjectStorage:
    """The object storage these settings name (Supabase Storage, else the local folder)."""
    from creative_pipeline.resources.supabase.storage_factory import make_storage

    s = s or settings()
    return make_storage(s.supabase_url, s.supabase_service_role_key, s.data_dir / "storage", s.storage_bucket)
