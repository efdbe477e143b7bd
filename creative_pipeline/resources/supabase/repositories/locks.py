"""The per-company lock in Postgres: one writer per company, whatever launched the run.

Dagster's `tag_concurrency_limits` on `dagster/partition` only holds runs the queued run
coordinator launches (UI, backfills, sensors under `dagster dev`). The CLI's in-process
`materialize` never passes the coordinator, so each stage also takes this session-level
advisory lock: a second writer waits (up to `wait_s`), and a crashed or killed process frees the
lock with its connection, so a kill -9 never leaves a company locked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg


class CompanyBusy(RuntimeError):
    """Another run held the company's lock for longer than we were willing to wait."""


def lock_key(partition_key: str) -> str:
    return f"creative_pipeline:company:{partition_key}"


@contextmanager
def company_lock(url: str, partition_key: str, wait_s: float) -> Iterator[None]:
    """Hold the company's advisory lock on a connection of its own for the `with` block."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"set lock_timeout = '{max(1, int(wait_s * 1000))}ms'")
        try:
            conn.execute("select pg_advisory_lock(hashtextextended(%s, 0))", (lock_key(partition_key),))
        except psycopg.errors.LockNotAvailable as exc:
            raise CompanyBusy(
                f"another run has been writing {partition_key!r} for more than {wait_s:.0f} s; try again later"
            ) from exc
        try:
            yield
        finally:
            if not conn.closed:
                conn.execute("select pg_advisory_unlock(hashtextextended(%s, 0))", (lock_key(partition_key),))


def lock_held(url: str, partition_key: str) -> bool:
    """Whether some session holds the company's lock now (for tests and `companies` status)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "select pg_try_advisory_lock(hashtextextended(%s, 0)) as got", (lock_key(partition_key),)
        ).fetchone()
        if row and row[0]:
            conn.execute("select pg_advisory_unlock(hashtextextended(%s, 0))", (lock_key(partition_key),))
            return False
        return True
