"""What every use-case needs from the outside: settings, the database, the Dagster instance.

The CLI, the demo and tests reach them here, so the three agree on where data and runs live."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

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


def dagster_instance() -> DagsterInstance:
    """The instance in DAGSTER_HOME (default: the repo's dagster_home/, the embedded default).

    Dagster is imported here, not at the top: commands that never run anything start faster."""
    from dagster import DagsterInstance

    os.makedirs(dagster_home(), exist_ok=True)
    return DagsterInstance.get()


def progress(message: str) -> None:
    """One line of progress for a person watching (stderr, so stdout stays parseable)."""
    print(message, file=sys.stderr, flush=True)


def storage(s: Settings | None = None) -> ObjectStorage:
    """The object storage these settings name (Supabase Storage, else the local folder)."""
    from creative_pipeline.resources.supabase.storage_factory import make_storage

    s = s or settings()
    return make_storage(s.supabase_url, s.supabase_service_role_key, s.data_dir / "storage", s.storage_bucket)
