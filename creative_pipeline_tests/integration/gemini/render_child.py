"""A real process that renders one video through the Interactions API with the durable store,
for the kill -9 test: `python -m ...render_child SIM_URL DATABASE_URL COMPANY_ID DATA_DIR`.
It polls (slowly, with a long deadline) until it is killed."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from uuid import UUID

from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig
from creative_pipeline.resources.gemini.sdk.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.gemini.video.backends import InteractionsBackend
from creative_pipeline.resources.gemini.video.render import VideoRenderer
from creative_pipeline.resources.supabase.database import get_database
from creative_pipeline.resources.supabase.repositories.video_renders import VideoRenderRepository
from creative_pipeline.settings import PROJECT_ROOT

OMNI = "gemini-omni-1.1-flash"


def media(sim_url: str, ledger: UsageLedger, *, poll_s: float, deadline_s: float) -> GeminiMediaClient:
    text = GeminiTextClient(ClientConfig(api_key="sim-key", base_url=sim_url, backoff_base_s=0.01), ledger)
    backend = InteractionsBackend(text.client, api_key="sim-key", base_url=sim_url, timeout_s=10)
    return GeminiMediaClient(text, VideoRenderer(text, backend, poll_interval_s=poll_s, deadline_s=deadline_s,
                                                 retention_h=47))


def main(sim_url: str, db_url: str, company_id: str, data_dir: str) -> None:
    from creative_pipeline_tests.integration.gemini.test_video_renders import BRIEF

    db = get_database(db_url, Path(data_dir), PROJECT_ROOT / "supabase", auto_migrate=False)
    store = VideoRenderRepository(db, UUID(company_id))
    client = media(sim_url, UsageLedger("ad_videos"), poll_s=0.05, deadline_s=600)
    print("rendering", flush=True)
    asyncio.run(client.video(OMNI, BRIEF, [], "crash-test", store))


if __name__ == "__main__":
    main(*sys.argv[1:5])
