"""What every CLI command needs: settings, the database, the Dagster instance, errors."""

from __future__ import annotations

import sys
from typing import NoReturn

from creative_pipeline.services.runtime import dagster_instance, database, progress, settings

__all__ = ["CliError", "dagster_instance", "database", "fail", "progress", "settings"]


class CliError(SystemExit):
    """A refusal with a clear message and exit code 2; nothing has been written."""

    def __init__(self, message: str) -> None:
        print(f"error: {message}", file=sys.stderr)
        super().__init__(2)


def fail(message: str) -> NoReturn:
    raise CliError(message)
