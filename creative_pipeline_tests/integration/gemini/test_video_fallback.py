"""Video fallback models: while the video model answers "overloaded" the next one renders, the
result names it and why; the render is durable under the model that accepted it, so a later run
polls it instead of paying the primary for a new one."""

from __future__ import annotations

import asyncio

import pytest

from creative_pipeline.resources.gemini.spend import pricing
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.sdk.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.gemini.video.backends import InteractionsBackend
from creative_pipeline.resources.gemini.video.render import VideoRenderer
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.video_renders import VideoRenderRepository
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.gemini.render_child import OMNI
from creative_pipeline_tests.integration.gemini.test_video_renders import BRIEF
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

SECOND = "gemini-omni-1.2-flash"  # served by the simulator; not in the price table, so priced here


@pytest.fixture
def second_priced():
    pricing.set_overrides({SECOND: {"input_per_million": 1.5, "output_per_million": 9.0,
                                    "video_per_second": {"720p": 0.15}}})
    yield
    pricing.set_overrides(None)


def render(sim: GeminiSimulator, store: VideoRenderRepository, name: str):
    ledger = UsageLedger("ad_videos")
    text = GeminiTextClient(ClientConfig(api_key="sim-key", base_url=sim.base_url, backoff_base_s=0.01,
                                         fallback_models={"video": [SECOND]}), ledger)
    backend = InteractionsBackend(text.client, api_key="sim-key", base_url=sim.base_url, timeout_s=10)
    client = GeminiMediaClient(text, VideoRenderer(text, backend, poll_interval_s=0.01, deadline_s=10, retention_h=47))
    return asyncio.run(client.video(OMNI, BRIEF, [], name, store))


def test_an_overloaded_video_model_hands_the_render_to_the_fallback(
    clean_db: Database, gemini_simulator: GeminiSimulator, second_priced: None,
) -> None:
    gemini_simulator.configure(local_video_uris=True)
    company = add_company(clean_db, "https://example.com", name="Video Fallback Co")
    store = VideoRenderRepository(clean_db, company.id)
    gemini_simulator.inject("unavailable", times=10_000, model=OMNI)  # 503 "The model is overloaded"

    result = render(gemini_simulator, store, "fallback-1")

    assert result.error is None and result.data and result.model == SECOND
    assert (result.fallback_reason or "").startswith(f"fallback from {OMNI}: model overloaded")
    creates = gemini_simulator.requests_for("interactions.create")
    assert [c.body["model"] for c in creates] == [OMNI, SECOND]  # one try on the primary, then the fallback
    [row] = store.all()
    assert row.model == SECOND and row.status == "done"

    # a later run (a step retry, a re-run after a crash) polls the stored render: nothing is submitted
    again = render(gemini_simulator, store, "fallback-1")
    assert again.error is None and again.model == SECOND and len(gemini_simulator.requests_for("interactions.create")) == 2
    assert "earlier run" in (again.fallback_reason or "")
