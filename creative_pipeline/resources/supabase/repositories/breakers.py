"""SQL for `provider_breakers`: the circuit breaker's state, one row per model, shared by every
process, so a queue of runs during an outage does not each spend its retries."""

from __future__ import annotations

from typing import Literal

import psycopg

Admission = Literal["closed", "trial", "open", "wait"]


def admit(conn: psycopg.Connection, name: str, trial_s: float) -> tuple[Admission, float, str | None]:
    """May a call to `name` be sent? ("closed" yes; "trial" yes, as the one half-open trial;
    "wait" not yet: a trial is out and decides; "open" no) plus the seconds until it may be
    asked again and the last error seen."""
    conn.execute("insert into provider_breakers (name) values (%s) on conflict do nothing", (name,))
    conn.execute("select 1 from provider_breakers where name = %s for update", (name,))  # lock, then read
    row = conn.execute(
        "select state, clock_timestamp() as now, open_until, trial_until, last_error "
        "from provider_breakers where name = %s",
        (name,),
    ).fetchone()
    now, state = row["now"], row["state"]
    if state == "closed":
        return "closed", 0.0, None
    if state == "open" and row["open_until"] > now:
        return "open", (row["open_until"] - now).total_seconds(), row["last_error"]
    if state == "half_open" and row["trial_until"] and row["trial_until"] > now:
        return "wait", (row["trial_until"] - now).total_seconds(), row["last_error"]
    # cool-down over (or the last trial never reported back): this caller is the trial
    conn.execute(
        "update provider_breakers set state = 'half_open', trial_until = clock_timestamp() + make_interval(secs => %s), "
        "updated_at = now() where name = %s",
        (trial_s, name),
    )
    return "trial", 0.0, row["last_error"]


def record_success(conn: psycopg.Connection, name: str) -> None:
    conn.execute(
        "update provider_breakers set state = 'closed', failures = 0, window_started_at = null, open_until = null, "
        "trial_until = null, updated_at = now() where name = %s and (state <> 'closed' or failures > 0)",
        (name,),
    )


def record_failure(
    conn: psycopg.Connection, name: str, error: str, *, threshold: int, window_s: float, cooldown_s: float
) -> bool:
    """Count one transient failure; True when this one opened (or re-opened) the breaker."""
    conn.execute("insert into provider_breakers (name) values (%s) on conflict do nothing", (name,))
    conn.execute("select 1 from provider_breakers where name = %s for update", (name,))  # lock, then read
    row = conn.execute(
        "select state, failures, clock_timestamp() as now, window_started_at from provider_breakers "
        "where name = %s",
        (name,),
    ).fetchone()
    now = row["now"]
    if row["state"] == "open":
        conn.execute("update provider_breakers set last_error = %s where name = %s", (error, name))
        return False
    fresh = row["window_started_at"] is None or (now - row["window_started_at"]).total_seconds() > window_s
    failures = 1 if fresh else row["failures"] + 1
    opens = row["state"] == "half_open" or failures >= threshold
    conn.execute(
        "update provider_breakers set failures = %s, window_started_at = %s, last_error = %s, state = %s, "
        "open_until = case when %s then clock_timestamp() + make_interval(secs => %s) else open_until end, "
        "trial_until = null, updated_at = now() where name = %s",
        (failures, now if fresh else row["window_started_at"], error, "open" if opens else "closed",
         opens, cooldown_s, name),
    )
    return opens
