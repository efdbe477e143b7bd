"""One "process of the deployment" for the multi-process rate test: N text calls through the real
client and the Postgres guard, as fast as the shared limit lets them go.

    python -m creative_pipeline_tests.integration.spend.rate_worker DB_URL BASE_URL LIMIT WINDOW_S CALLS
"""

from __future__ import annotations

import asyncio
import sys
from uuid import uuid4

from google.genai import types

from creative_pipeline.resources.gemini.models.catalog import DEFAULT_TEXT_MODEL
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.spend.guard import PostgresGuard
from creative_pipeline.resources.spend.policy import SpendPolicy
from creative_pipeline.resources.supabase.database import Database


async def main(db_url: str, base_url: str, limit: int, window_s: float, calls: int) -> int:
    db = Database(db_url, max_size=4)
    ledger = UsageLedger("rate-test")
    policy = SpendPolicy(requests_per_window={"text": limit}, rate_window_s=window_s, budget_default_usd=None)
    guard = PostgresGuard(db, company_id=None, company_slug="-", step="rate-test", session_id=ledger.session_id,
                          policy=policy)
    # the per-process limiter is set far above the shared one: only Postgres holds the line
    client = GeminiTextClient(ClientConfig(api_key="sim-key", base_url=base_url, requests_per_minute=100_000,
                                           max_concurrency=8, backoff_base_s=0.05), ledger, guard)
    config = types.GenerateContentConfig(max_output_tokens=64)
    results = await asyncio.gather(*(client.call(DEFAULT_TEXT_MODEL, f"say hi {uuid4()}", config, "text")
                                     for _ in range(calls)), return_exceptions=True)
    db.close()
    return sum(1 for r in results if isinstance(r, BaseException))


if __name__ == "__main__":
    url, base, limit, window, n = sys.argv[1:6]
    sys.exit(asyncio.run(main(url, base, int(limit), float(window), int(n))))
