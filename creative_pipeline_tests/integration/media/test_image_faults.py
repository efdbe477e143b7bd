"""ad_images against a hostile provider, with fallback models configured: a revoked key is not
"overloaded" (no fallback, no retries: the step fails at once naming the key setting), an outage of every
image model fails the step; either way the stored images are exactly as before and nothing is cached
or booked as paid."""

import pytest

from creative_pipeline_tests.integration.spend.helpers import failure_message
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

from .conftest import Briefed, materialize_stage, media_rows
from .test_image_cache import FALLBACK, PRIMARY, _cached_images, _sim


@pytest.mark.parametrize(("fault", "expect"), [
    ("permission_denied", "check GEMINI_API_KEY"),  # what failed and what to do
    ("unavailable", "circuit breaker open"),
])
def test_a_hostile_provider_leaves_the_stored_images_as_they_were(
    briefed: Briefed, gemini_simulator: GeminiSimulator, fault: str, expect: str,
) -> None:
    assert materialize_stage(briefed, "ad_images").success  # the visible rows to keep
    before = media_rows(briefed.db, briefed.company.id, "image")
    resources = _sim(briefed, gemini_simulator, gemini_image_fallback_models=[FALLBACK],
                     circuit_breaker_threshold=3)
    gemini_simulator.inject(fault, times=100_000)

    result = materialize_stage(briefed, "ad_images", {"force": True}, resources=resources)

    assert not result.success
    message = failure_message(result)
    assert expect in message and "stored rows are unchanged" in message, message
    assert media_rows(briefed.db, briefed.company.id, "image") == before
    assert _cached_images(briefed) == 0
    with briefed.db.transaction() as conn:
        booked = conn.execute("select coalesce(sum(cost_usd), 0) as usd from api_usage where company_id = %s "
                              "and step = 'ad_images'", (briefed.company.id,)).fetchone()["usd"]
    assert booked == 0
    sent = gemini_simulator.requests_for("generateContent")
    if fault == "permission_denied":  # permanent: one request per image in flight at most, no fallback
        assert not gemini_simulator.requests_for("generateContent", FALLBACK)
        assert len(sent) <= 8, len(sent)
    else:  # the breakers open (threshold 3 per model) instead of 30 images × 4 attempts × 2 models
        assert len(sent) < 40, len(sent)
        assert gemini_simulator.requests_for("generateContent", PRIMARY)
