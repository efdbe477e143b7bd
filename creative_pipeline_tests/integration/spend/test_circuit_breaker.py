"""The circuit breaker: consecutive transient failures open it for every process sharing the
database; calls then fail fast naming the outage; after the cool-down one trial call decides."""

from __future__ import annotations

import asyncio
import time
from uuid import uuid4

import pytest
from dagster import DagsterInstance

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini.errors import ProviderOutage
from creative_pipeline.resources.spend.guard import PostgresGuard
from creative_pipeline.resources.spend.policy import SpendPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import counts
from creative_pipeline_tests.integration.spend.helpers import (
    company_with_personas,
    ledger,
    run_stage,
    sim_settings,
    text_requests,
)
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator


def test_an_outage_costs_the_calls_in_flight_not_every_retry(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    # the cool-down must outlast the first run's end and the second run's start on a busy machine
    # (1 s did not, under parallel test workers); the recovery below waits for it
    cooldown_s = 6.0
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site, circuit_breaker_cooldown_s=cooldown_s))
    in_flight_max = resources["gemini"].max_concurrency
    assert in_flight_max == 8  # GEMINI_MAX_CONCURRENCY's default
    second = company_with_personas(clean_db, sample_site, "Outage Next", dagster_instance, resources)
    # it was 5 to 13 requests from run to run before the suspect hold: repeat, from a closed breaker
    for run in range(3):
        first = company_with_personas(clean_db, sample_site, f"Outage {run}", dagster_instance, resources)
        gemini_simulator.inject("unavailable", times=10_000)
        before = text_requests(gemini_simulator)

        ok, message = run_stage(first.slug, "ad_scripts", dagster_instance, resources)

        sent = text_requests(gemini_simulator) - before
        assert not ok and "outage" in message and "circuit breaker open" in message
        # 21 calls x 4 attempts = 84 without a breaker; no request leaves after the first failure
        # but those already in flight (at most 8) and, one at a time, trials until the 5th opens it
        assert 5 <= sent <= in_flight_max, (run, sent)
        assert counts(clean_db, first.id)["scripts"] == 0 and counts(clean_db, first.id)["personas"] == 5
        if run < 2:
            gemini_simulator.faults.clear()
            with clean_db.transaction() as conn:  # a fresh deployment's breaker for the next run
                conn.execute("delete from provider_breakers")

    # the next run in the queue finds the breaker open (shared state) and sends nothing
    before = text_requests(gemini_simulator)
    ok, message = run_stage(second.slug, "ad_scripts", dagster_instance, resources)
    assert not ok and "outage" in message
    assert text_requests(gemini_simulator) == before

    # the provider recovers; after the cool-down one trial call closes the breaker and the stage runs
    gemini_simulator.faults.clear()
    time.sleep(cooldown_s + 0.1)
    ok, message = run_stage(second.slug, "ad_scripts", dagster_instance, resources)
    assert ok, message
    assert counts(clean_db, second.id)["scripts"] == 100
    assert any("503" in (r["error"] or "") for r in ledger(clean_db, first.id))  # the outage's calls are booked


def test_one_transient_503_among_successes_does_not_stall_the_stage(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site))
    company = company_with_personas(clean_db, sample_site, "Blip", dagster_instance, resources)
    gemini_simulator.inject("unavailable", times=1)
    started = time.monotonic()
    ok, message = run_stage(company.slug, "ad_scripts", dagster_instance, resources)
    elapsed = time.monotonic() - started
    assert ok, message
    assert counts(clean_db, company.id)["scripts"] == 100
    assert elapsed < 15, elapsed  # about 1 s here; a hold waiting out the call timeout would be 120 s
    assert sum(1 for r in gemini_simulator.requests_for("generateContent") if r.fault == "unavailable") == 1


def _guard(db: Database, **policy: float) -> PostgresGuard:
    return PostgresGuard(db, company_id=None, company_slug="-", step="test", session_id=uuid4(),
                         policy=SpendPolicy(**policy))


def test_breaker_opens_fails_fast_and_half_opens_with_one_trial(clean_db: Database) -> None:
    """Two guards stand for two processes: they share the breaker through Postgres."""
    one = _guard(clean_db, breaker_threshold=3, breaker_window_s=30, breaker_cooldown_s=0.3, call_timeout_s=5)
    other = _guard(clean_db, breaker_threshold=3, breaker_window_s=30, breaker_cooldown_s=0.3, call_timeout_s=5)

    async def scenario() -> None:
        for _ in range(3):
            ticket = await one.admit("m", "text", 0.0)
            await one.transient_failure(ticket, "503 UNAVAILABLE")
        with pytest.raises(ProviderOutage, match="503 UNAVAILABLE"):
            await other.admit("m", "text", 0.0)
        await asyncio.sleep(0.35)
        trial = await other.admit("m", "text", 0.0)  # half-open: this one call may go
        assert trial.trial
        waiting = asyncio.create_task(one.admit("m", "text", 0.0))  # ... the next waits for its outcome
        await asyncio.sleep(0.3)
        assert not waiting.done()
        await other.transient_failure(trial, "503 again")  # the trial failed: open again, the waiter fails fast
        with pytest.raises(ProviderOutage, match="503 again"):
            await waiting
        await asyncio.sleep(0.35)
        trial = await one.admit("m", "text", 0.0)
        await one.settle(trial, 0.0)  # the trial succeeded: closed for everyone
        for _ in range(5):
            ticket = await other.admit("m", "text", 0.0)
            assert not ticket.trial
            await other.settle(ticket, 0.0)

    asyncio.run(scenario())


def test_failures_outside_the_window_do_not_add_up(clean_db: Database) -> None:
    guard = _guard(clean_db, breaker_threshold=2, breaker_window_s=0.2, breaker_cooldown_s=30)

    async def scenario() -> None:
        ticket = await guard.admit("m", "text", 0.0)
        await guard.transient_failure(ticket, "500")
        await asyncio.sleep(0.3)
        ticket = await guard.admit("m", "text", 0.0)
        await guard.transient_failure(ticket, "500")  # a new window: 1 failure, still closed
        await guard.release(await guard.admit("m", "text", 0.0))

    asyncio.run(scenario())
