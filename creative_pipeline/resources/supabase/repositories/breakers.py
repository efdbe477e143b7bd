"""SQL for `provider_breakers`: the circuit breaker's state, one row per model, shared by every
process, so a queue of runs during an outage does not each spend its retries.

Besides closed / open / half-open, a closed breaker can be *suspect*: a transient failure came
back and no success since. Then no new request for the model leaves any process (retries
included) until a success closes the suspicion, the breaker opens, or the requests in flight
have all come back — then one trial at a time goes. In an outage a stage therefore sends no
more than the requests already in flight when the first failure came back (at most
GEMINI_MAX_CONCURRENCY per process), instead of also those queued behind them.

`in_flight` counts requests sent and not yet answered, across processes. A process that dies
leaks its count; so the count is believed only for `timeout_s` (the call timeout) after the
last request was sent: anything sent before that has come back or timed out. A leak can thus
hold a suspect model for one call timeout at most, and is forgotten once the model is idle.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import psycopg

Admission = Literal["closed", "trial", "open", "wait"]


def _locked(conn: psycopg.Connection, name: str) -> dict[str, Any]:
    """The model's row, locked for this transaction (created on first use); `now` is the
    database's clock read after the lock was granted, the one clock every process shares."""
    conn.execute("insert into provider_breakers (name) values (%s) on conflict do nothing", (name,))
    conn.execute("select 1 from provider_breakers where name = %s for update", (name,))  # lock, then read
    return conn.execute(
        "select *, clock_timestamp() as now from provider_breakers where name = %s", (name,)
    ).fetchone()


def _in_flight(row: dict[str, Any], timeout_s: float) -> tuple[int, float]:
    """(requests believed in flight, seconds until that belief expires)."""
    sent: datetime | None = row["last_sent_at"]
    left = timeout_s - (row["now"] - sent).total_seconds() if sent is not None else 0.0
    return (row["in_flight"], left) if left > 0 else (0, 0.0)


def open_for(conn: psycopg.Connection, name: str) -> tuple[float, str | None] | None:
    """(seconds still open, last error) when the breaker is open, else None. A plain read, so a
    call fails fast before it waits for a rate slot."""
    row = conn.execute(
        "select open_until - clock_timestamp() as left_s, last_error from provider_breakers "
        "where name = %s and state = 'open' and open_until > clock_timestamp()",
        (name,),
    ).fetchone()
    return None if row is None else (row["left_s"].total_seconds(), row["last_error"])


def admit(conn: psycopg.Connection, name: str, timeout_s: float) -> tuple[Admission, float, str | None]:
    """May a request to `name` be sent now? Asked right before it is sent, and counted in flight
    when it may. "closed" yes; "trial" yes, as the one call that decides (half-open, or suspect
    with nothing else in flight); "wait" not yet (a trial or the suspect's calls are out);
    "open" no. Plus the seconds until the answer may change and the last error seen."""
    row = _locked(conn, name)
    now, state = row["now"], row["state"]
    out, expires = _in_flight(row, timeout_s)
    if state == "open" and row["open_until"] > now:
        return "open", (row["open_until"] - now).total_seconds(), row["last_error"]
    if state == "closed":
        if row["suspect_since"] is not None and out > 0:
            return "wait", expires, row["last_error"]
        admission: Admission = "closed" if row["suspect_since"] is None else "trial"
    elif state == "half_open" and row["trial_until"] and row["trial_until"] > now:
        return "wait", (row["trial_until"] - now).total_seconds(), row["last_error"]
    else:  # cool-down over (or the last trial never reported back): this caller is the trial
        admission = "trial"
    conn.execute(
        "update provider_breakers set in_flight = %s, last_sent_at = clock_timestamp(), "
        "state = case when state = 'closed' then state else 'half_open' end, "
        "trial_until = case when state = 'closed' then null else clock_timestamp() + make_interval(secs => %s) end, "
        "updated_at = now() where name = %s",
        (out + 1, timeout_s, name),
    )
    return admission, 0.0, row["last_error"] if admission == "trial" else None


def record_success(conn: psycopg.Connection, name: str) -> None:
    """A request came back with an answer: the provider works, every hold is lifted."""
    conn.execute(
        "update provider_breakers set state = 'closed', failures = 0, window_started_at = null, open_until = null, "
        "trial_until = null, suspect_since = null, in_flight = greatest(in_flight - 1, 0), updated_at = now() "
        "where name = %s",
        (name,),
    )


def record_return(conn: psycopg.Connection, name: str, *, trial: bool) -> None:
    """A request came back saying nothing about the provider's health (a 429, a 4xx) or never
    left: no longer in flight; a trial that ends so lets the next caller be the trial."""
    conn.execute(
        "update provider_breakers set in_flight = greatest(in_flight - 1, 0), "
        "trial_until = case when %s then null else trial_until end, updated_at = now() where name = %s",
        (trial, name),
    )


def record_failure(
    conn: psycopg.Connection, name: str, error: str, *, threshold: int, window_s: float, cooldown_s: float
) -> bool:
    """Count one transient failure (and the request as back); True when this one opened (or
    re-opened) the breaker. A failure that does not open it makes the model suspect."""
    row = _locked(conn, name)
    now = row["now"]
    if row["state"] == "open":
        conn.execute(
            "update provider_breakers set last_error = %s, in_flight = greatest(in_flight - 1, 0) where name = %s",
            (error, name),
        )
        return False
    fresh = row["window_started_at"] is None or (now - row["window_started_at"]).total_seconds() > window_s
    failures = 1 if fresh else row["failures"] + 1
    opens = row["state"] == "half_open" or failures >= threshold
    conn.execute(
        "update provider_breakers set failures = %s, window_started_at = %s, last_error = %s, state = %s, "
        "open_until = case when %s then clock_timestamp() + make_interval(secs => %s) else open_until end, "
        "suspect_since = case when %s then null else coalesce(suspect_since, clock_timestamp()) end, "
        "in_flight = greatest(in_flight - 1, 0), trial_until = null, updated_at = now() where name = %s",
        (failures, now if fresh else row["window_started_at"], error, "open" if opens else "closed",
         opens, cooldown_s, opens, name),
    )
    return opens
