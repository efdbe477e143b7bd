"""The embedded PostgreSQL of the default setup (pgserver bundles PostgreSQL 16).

It exists so a fresh machine runs the whole pipeline with no database to install. Production
sets DATABASE_URL (a Supabase project's connection string) and never reaches this module.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

log = logging.getLogger(__name__)


def embedded_database_url(data_dir: Path) -> str:
    """Start (or join) the embedded server under `data_dir/postgres`; return its socket URL.

    pgserver reference-counts the processes using one data directory and stops the server
    when the last of them exits, so the CLI, `dagster dev` and run workers can share it.
    """
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver  # imported late: only the embedded default needs it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir / "postgres", cleanup_mode="stop")
    uri: str = server.get_uri()
    log.debug("embedded PostgreSQL at %s", uri)
    return uri
