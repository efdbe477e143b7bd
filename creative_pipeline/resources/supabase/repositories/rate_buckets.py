"""SQL for `provider_rate_buckets`: one request window per family, shared by every process.

The row is locked (`SELECT ... FOR UPDATE`) for the few statements that decide whether a request
may start, so two processes can never both take the last slot. Times are the database's clock,
the one clock every process shares.
"""

from __future__ import annotations

import psycopg


def take_slot(conn: psycopg.Connection, name: str, limit: int, window_s: float) -> float:
    """0.0 when a request may start now (and its start is recorded), else seconds to wait.

    A sliding window of start times rather than a refilling counter: it guarantees at most
    `limit` starts in ANY window of `window_s` (what the provider's quota counts), while still
    letting a burst of up to `limit` start at once when the window is empty.
    """
    conn.execute("insert into provider_rate_buckets (name) values (%s) on conflict do nothing", (name,))
    # lock first, then read: a statement that waits for the lock must not decide on the clock
    # and the window it saw before it waited
    conn.execute("select 1 from provider_rate_buckets where name = %s for update", (name,))
    row = conn.execute(
        "select clock_timestamp() as now, blocked_until, "
        "array(select s from unnest(starts) s where s > clock_timestamp() - make_interval(secs => %s) order by s) as recent "
        "from provider_rate_buckets where name = %s",
        (window_s, name),
    ).fetchone()
    now, recent = row["now"], row["recent"]
    if row["blocked_until"] and row["blocked_until"] > now:
        wait = (row["blocked_until"] - now).total_seconds()
    elif len(recent) < limit:
        recent.append(now)
        wait = 0.0
    else:
        wait = (recent[len(recent) - limit] - now).total_seconds() + window_s
    conn.execute(
        "update provider_rate_buckets set starts = %s, updated_at = now() where name = %s", (recent, name)
    )
    return max(wait, 0.0)


def block(conn: psycopg.Connection, name: str, seconds: float) -> None:
    """The provider answered 429 with RetryInfo: nobody in the deployment sends before it said."""
    conn.execute("insert into provider_rate_buckets (name) values (%s) on conflict do nothing", (name,))
    conn.execute(
        "update provider_rate_buckets set blocked_until = greatest(coalesce(blocked_until, clock_timestamp()), "
        "clock_timestamp() + make_interval(secs => %s)), updated_at = now() where name = %s",
        (seconds, name),
    )


def window_usage(conn: psycopg.Connection, name: str, window_s: float) -> int:
    """Starts inside the current window (for metadata and benchmarks)."""
    row = conn.execute(
        "select cardinality(array(select s from unnest(starts) s where s > clock_timestamp() - "
        "make_interval(secs => %s))) as n from provider_rate_buckets where name = %s",
        (window_s, name),
    ).fetchone()
    return int(row["n"]) if row else 0
