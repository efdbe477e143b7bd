"""Video through the Interactions API (Gemini Omni Flash) with durable render ids, against the
simulator and a real Postgres: background create, polling, download with alt=media; a crash
(a real `kill -9`) between create and completion resumed by the stored id with no second
submission; failed / incomplete interactions recorded with their reason; expiry."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

from creative_pipeline.domain.brief import VideoBrief, VideoShot
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.video_renders import VideoRenderRepository
from creative_pipeline.settings import PROJECT_ROOT
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.gemini.render_child import OMNI, media
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

BRIEF = VideoBrief(concept="A cup of cold brew, made in ten seconds.", shots=[VideoShot(description="Pour")], cta="Try it",
                   aspect_ratio="9:16", duration_seconds=8, resolution="720p")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def render(sim: GeminiSimulator, store: VideoRenderRepository, name: str, *, deadline_s: float = 10, poll_s: float = 0.01,
           force: bool = False, frames: list[bytes] | None = None):
    """One render with a fresh client (the SDK's async client binds to its event loop)."""
    client = media(sim.base_url, UsageLedger("ad_videos"), poll_s=poll_s, deadline_s=deadline_s)
    return asyncio.run(client.video(OMNI, BRIEF, frames or [], name, store, force=force))


def video_usage(db: Database, company_id) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute("select * from api_usage where company_id = %s and kind = 'video' order by created_at",
                            (company_id,)).fetchall()


def test_an_omni_render_runs_in_the_background_and_is_downloaded(
    clean_db: Database, gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.configure(polls_until_done=3, local_video_uris=True)
    company = add_company(clean_db, "https://example.com", name="Omni Co")
    store = VideoRenderRepository(clean_db, company.id)
    result = render(gemini_simulator, store, "omni-1", frames=[PNG, PNG, PNG])
    assert result.error is None and result.data and result.data[4:8] == b"ftyp"

    create = gemini_simulator.requests_for("interactions.create")[0]
    assert create.body["background"] is True and create.body["model"] == OMNI
    assert create.body["response_format"] == {"type": "video", "aspect_ratio": "9:16", "duration": "8s",
                                              "resolution": "720p", "delivery": "uri"}
    parts = [c for step in create.body["input"] for c in step.get("content", [step])]
    assert [p["type"] for p in parts] == ["text", "image", "image", "image"]  # first frame + references
    assert len(gemini_simulator.requests_for("interactions.get")) == 3
    download = gemini_simulator.requests_for("download")[0]
    assert download.query["alt"] == ["media"] and download.headers["x-goog-api-key"] == "sim-key"

    [row] = store.all()
    assert row.status == "done" and row.provider_render_id == result.render_id and row.backend == "interactions"
    [booked] = video_usage(clean_db, company.id)  # booked once, at acceptance, at 8 s x 720p list price
    assert float(booked["cost_usd"]) == float(row.cost_usd) == 8 * 0.13


def test_failed_and_incomplete_interactions_are_recorded_with_their_reason(
    clean_db: Database, gemini_simulator: GeminiSimulator,
) -> None:
    company = add_company(clean_db, "https://example.com", name="Failing Co")
    store = VideoRenderRepository(clean_db, company.id)
    gemini_simulator.inject("interaction_failed")
    gemini_simulator.inject("interaction_incomplete")
    failed = render(gemini_simulator, store, "fails")
    incomplete = render(gemini_simulator, store, "incomplete")
    assert "interaction failed" in (failed.error or "") and "internal error" in (failed.error or "")
    assert "interaction incomplete" in (incomplete.error or "") and "safety filters" in (incomplete.error or "")
    rows = {r.creative_name: r for r in store.all()}
    assert rows["fails"].status == rows["incomplete"].status == "failed"
    assert "internal error" in rows["fails"].error and "safety" in rows["incomplete"].error


def test_a_deadline_leaves_the_render_stored_and_the_next_run_polls_it(
    clean_db: Database, gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.configure(polls_until_done=10_000, local_video_uris=True)
    company = add_company(clean_db, "https://example.com", name="Slow Co")
    store = VideoRenderRepository(clean_db, company.id)
    first = render(gemini_simulator, store, "slow", deadline_s=0.3, poll_s=0.02)
    assert "deadline" in (first.error or "") and "polls" in (first.error or "")
    assert store.all()[0].status == "submitted"
    gemini_simulator.polls_until_done = 1
    second = render(gemini_simulator, store, "slow")
    assert second.error is None and second.render_id == first.render_id
    assert len(gemini_simulator.submissions()) == 1 and len(video_usage(clean_db, company.id)) == 1  # booked once


def test_kill_9_while_polling_then_rerun_submits_nothing_new(
    clean_db: Database, pg_url: str, tmp_path, gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.configure(polls_until_done=10_000, local_video_uris=True)
    company = add_company(clean_db, "https://example.com", name="Crash Co")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "creative_pipeline_tests.integration.gemini.render_child", gemini_simulator.base_url,
         pg_url, str(company.id), str(tmp_path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while len(gemini_simulator.requests_for("interactions.get")) < 3:  # accepted, stored, and polling
            assert child.poll() is None, child.stderr.read().decode()[-2000:] if child.stderr else ""
            assert time.monotonic() < deadline, "the child never started polling"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    store = VideoRenderRepository(clean_db, company.id)
    [row] = store.all()
    assert row.status == "submitted" and len(gemini_simulator.submissions()) == 1
    assert len(video_usage(clean_db, company.id)) == 1  # booked when accepted, before the crash

    gemini_simulator.polls_until_done = 1
    result = render(gemini_simulator, store, "crash-test")
    assert result.error is None and result.data and result.render_id == row.provider_render_id
    assert len(gemini_simulator.submissions()) == 1  # 0 extra submissions
    assert store.all()[0].status == "done"


def test_a_render_older_than_the_provider_keeps_is_expired_not_resubmitted(
    clean_db: Database, gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.configure(polls_until_done=10_000, local_video_uris=True)
    company = add_company(clean_db, "https://example.com", name="Old Co")
    store = VideoRenderRepository(clean_db, company.id)
    render(gemini_simulator, store, "old", deadline_s=0.2, poll_s=0.02)
    with clean_db.transaction() as conn:
        conn.execute("update video_renders set submitted_at = now() - interval '3 days' where company_id = %s",
                     (company.id,))
    expired = render(gemini_simulator, store, "old")
    assert "expired" in (expired.error or "") and "force" in (expired.error or "")
    assert len(gemini_simulator.submissions()) == 1 and store.all()[0].status == "expired"
    gemini_simulator.polls_until_done = 1
    forced = render(gemini_simulator, store, "old", force=True)
    assert forced.error is None and len(gemini_simulator.submissions()) == 2
