"""The breaker's suspect hold (issue 18 item 4): once a transient failure comes back for a model,
no new request for it leaves any process until a success, the breaker opening, or the requests
in flight having come back (then one trial at a time). Real client, real Postgres, the simulator;
two guards (or two threads with their own pools) stand for two processes of the deployment."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from uuid import uuid4

from google.genai import types

from creative_pipeline.resources.gemini.errors import ProviderOutage
from creative_pipeline.resources.gemini.models.catalog import DEFAULT_TEXT_MODEL
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.spend.guard import PostgresGuard
from creative_pipeline.resources.spend.policy import SpendPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

CONCURRENCY = 8  # GEMINI_MAX_CONCURRENCY's default


def _guard(db: Database, **policy: float) -> PostgresGuard:
    return PostgresGuard(db, company_id=None, company_slug="-", step="test", session_id=uuid4(),
                         policy=SpendPolicy(requests_per_window={"text": 100_000}, budget_default_usd=None, **policy))


def _client(db: Database, sim: GeminiSimulator) -> GeminiTextClient:
    return GeminiTextClient(ClientConfig(api_key="sim-key", base_url=sim.base_url, requests_per_minute=100_000,
                                         max_concurrency=CONCURRENCY, backoff_base_s=0.05),
                            UsageLedger("test"), _guard(db))


async def _stage(client: GeminiTextClient, tag: str, calls: int = 20) -> list[object]:
    """A stage's fan-out: `calls` text calls at once (the client's limiter lets 8 out at a time)."""
    config = types.GenerateContentConfig(max_output_tokens=64)
    return await asyncio.gather(*(client.call(DEFAULT_TEXT_MODEL, f"say hi {tag}-{i}", config, "text")
                                  for i in range(calls)), return_exceptions=True)


def _sent(sim: GeminiSimulator, tag: str = "") -> int:
    return sum(1 for r in sim.requests_for("generateContent") if f"say hi {tag}" in json.dumps(r.body))


def test_an_outage_sends_only_the_requests_already_in_flight(clean_db: Database, gemini_simulator: GeminiSimulator) -> None:
    # replies take 0.3 s, so all 8 are out before the first failure comes back; before the hold,
    # the 12 queued behind them and the retries went out too, until the 5th failure opened it
    gemini_simulator.latency_s = 0.3
    for run in range(3):
        gemini_simulator.inject("unavailable", times=10_000)
        results = asyncio.run(_stage(_client(clean_db, gemini_simulator), f"run{run}"))
        assert all(isinstance(r, ProviderOutage) for r in results), results
        assert 5 <= _sent(gemini_simulator, f"run{run}") <= CONCURRENCY, (run, _sent(gemini_simulator, f"run{run}"))
        gemini_simulator.faults.clear()
        with clean_db.transaction() as conn:
            conn.execute("delete from provider_breakers")


def test_a_second_worker_sends_nothing_once_the_first_failure_is_back(
    clean_db: Database, pg_url: str, gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.latency_s = 0.3
    gemini_simulator.inject("unavailable", times=10_000)
    results: dict[str, list[object]] = {}

    def worker(tag: str) -> None:  # its own event loop, pool and guard: a process of its own
        db = Database(pg_url, max_size=4)
        try:
            results[tag] = asyncio.run(_stage(_client(db, gemini_simulator), tag))
        finally:
            db.close()

    first = threading.Thread(target=worker, args=("a",))
    first.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with clean_db.transaction() as conn:
            if conn.execute("select 1 from provider_breakers where suspect_since is not null or state = 'open'").fetchone():
                break
        time.sleep(0.01)
    second = threading.Thread(target=worker, args=("b",))
    second.start()
    first.join(60)
    second.join(60)
    assert _sent(gemini_simulator, "b") == 0
    assert 5 <= _sent(gemini_simulator, "a") <= CONCURRENCY
    assert all(isinstance(r, ProviderOutage) for r in results["a"] + results["b"])


def test_one_transient_503_among_successes_costs_no_stall(clean_db: Database, gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.latency_s = 0.3
    started = time.monotonic()
    assert all(isinstance(r, types.GenerateContentResponse) for r in asyncio.run(_stage(_client(clean_db, gemini_simulator), "x")))
    healthy = time.monotonic() - started
    gemini_simulator.inject("unavailable", times=1)
    started = time.monotonic()
    results = asyncio.run(_stage(_client(clean_db, gemini_simulator), "y"))
    blip = time.monotonic() - started
    assert all(isinstance(r, types.GenerateContentResponse) for r in results), results
    assert _sent(gemini_simulator, "y") == 21  # the 20 and the one retry
    assert blip < healthy + 2.0, (healthy, blip)  # the other replies lift the hold at once


def test_the_hold_is_shared_and_lets_one_trial_at_a_time(clean_db: Database) -> None:
    one, other = _guard(clean_db, call_timeout_s=30), _guard(clean_db, call_timeout_s=30)

    async def admitted_within(task: asyncio.Task, seconds: float) -> bool:
        await asyncio.wait({task}, timeout=seconds)
        return task.done()

    async def scenario() -> None:
        a, b = await one.admit("m", "text", 0.0), await one.admit("m", "text", 0.0)
        await one.transient_failure(a, "503 UNAVAILABLE")
        held = asyncio.create_task(other.admit("m", "text", 0.0))  # another process, with b still out
        assert not await admitted_within(held, 0.6)
        await one.settle(b, 0.0)  # a success: the provider works, the hold is lifted for everyone
        assert await admitted_within(held, 1.0) and not held.result().trial
        await other.settle(held.result(), 0.0)

        a, b = await one.admit("m", "text", 0.0), await one.admit("m", "text", 0.0)
        await one.transient_failure(a, "503")
        held = asyncio.create_task(other.admit("m", "text", 0.0))
        after = asyncio.create_task(one.admit("m", "text", 0.0))
        assert not await admitted_within(held, 0.6)
        await one.transient_failure(b, "503")  # every request in flight failed: one trial goes
        await asyncio.wait({held, after}, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
        trial, waiting = (held, after) if held.done() else (after, held)
        assert trial.done() and trial.result().trial and not waiting.done()
        await asyncio.sleep(0.5)
        assert not waiting.done()  # ... and only one
        await (one if trial is after else other).transient_failure(trial.result(), "503")  # 3rd failure of 5
        assert await admitted_within(waiting, 1.0) and waiting.result().trial  # the next trial
        await (one if waiting is after else other).settle(waiting.result(), 0.0)
        flowing = await one.admit("m", "text", 0.0)
        assert not flowing.trial  # closed: calls flow again
        await one.settle(flowing, 0.0)

        lone = await other.admit("m", "text", 0.0)  # a lone call's retry does not wait for anything
        await other.transient_failure(lone, "503")
        started = time.monotonic()
        retry = await other.admit("m", "text", 0.0)
        assert retry.trial and time.monotonic() - started < 0.5

    asyncio.run(scenario())


def test_a_crashed_process_holds_the_model_one_call_timeout_at_most(clean_db: Database) -> None:
    crashed, alive = _guard(clean_db, call_timeout_s=1.5), _guard(clean_db, call_timeout_s=1.5)

    async def scenario() -> None:
        await crashed.admit("m", "text", 0.0)  # sent, and its process dies before it reports back
        ticket = await alive.admit("m", "text", 0.0)
        await alive.transient_failure(ticket, "503")
        started = time.monotonic()
        retry = await asyncio.wait_for(alive.admit("m", "text", 0.0), 5)
        waited = time.monotonic() - started
        assert retry.trial and 1.0 < waited < 3.0, waited  # the leaked count was believed 1.5 s, not forever

    asyncio.run(scenario())
