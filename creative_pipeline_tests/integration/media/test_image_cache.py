"""Images already paid for by an ad_images stopped by its budget are kept outside the stage's rows
(generation_cache, keyed by prompt, model, reference images and size) and reused by the re-run:
each image is bought once. Image rows name the model that made them and why a fallback did."""

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.resources.supabase.repositories.budget import company_spend, set_budget
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

from .conftest import Briefed, last_metadata, materialize_stage, media_rows

PRIMARY, FALLBACK = catalog.DEFAULT_IMAGE_MODEL, "gemini-3-pro-image"


def _sim(briefed: Briefed, sim: GeminiSimulator, **changes: object) -> dict:
    return build_resources(briefed.settings.model_copy(update={
        "gemini_api_key": "sim-key", "gemini_base_url": sim.base_url, "gemini_backoff_base_s": 0.02, **changes}))


def _cached_images(briefed: Briefed) -> int:
    with briefed.db.transaction() as conn:
        return conn.execute("select count(*) as n from generation_cache where step = 'ad_images' and body is not null"
                            ).fetchone()["n"]


def test_budget_stop_mid_images_then_the_rerun_buys_only_the_rest(
    briefed: Briefed, gemini_simulator: GeminiSimulator,
) -> None:
    assert materialize_stage(briefed, "ad_images").success  # offline images: the visible rows to keep
    before = {(r["creative_name"], r["variant"]): (r["model"], r["storage_path"], r["data"]["sha256"])
              for r in media_rows(briefed.db, briefed.company.id, "image")}
    assert len(before) == 30
    with briefed.db.transaction() as conn:  # room for a handful of images (~$0.035 each), not 30
        set_budget(conn, briefed.company.id, 0.2)
    resources = _sim(briefed, gemini_simulator)

    stopped = materialize_stage(briefed, "ad_images", {"force": True}, resources=resources)

    assert not stopped.success
    failure = next(e for e in stopped.all_events if e.event_type_value == "STEP_FAILURE")
    assert "budget" in str(failure.event_specific_data.error)  # type: ignore[union-attr]
    paid = len(gemini_simulator.requests_for("generateContent"))
    assert 0 < paid < 30
    after = {(r["creative_name"], r["variant"]): (r["model"], r["storage_path"], r["data"]["sha256"])
             for r in media_rows(briefed.db, briefed.company.id, "image")}
    assert after == before  # the visible rows did not switch
    assert _cached_images(briefed) == paid  # every image paid for is kept, outside the rows
    with briefed.db.transaction() as conn:
        assert company_spend(conn, briefed.company.id, None).spent_usd <= 0.2

    with briefed.db.transaction() as conn:
        set_budget(conn, briefed.company.id, 5.0)
    gemini_simulator.reset()
    assert materialize_stage(briefed, "ad_images", {"force": True}, resources=resources).success

    assert len(gemini_simulator.requests_for("generateContent")) == 30 - paid  # nothing bought twice
    images = media_rows(briefed.db, briefed.company.id, "image")
    assert len(images) == 30 and {(r["status"], r["model"]) for r in images} == {("ok", PRIMARY)}
    assert sum(1 for r in images if r["data"]["cost_usd"] == 0) == paid  # served from the cache
    assert _cached_images(briefed) == 0  # the stage completed: its images are in its rows now
    print(f"\nimage requests: {paid} before the budget stop, {30 - paid} on the re-run, 30 images")


def test_image_rows_name_the_fallback_model_and_why(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    resources = _sim(briefed, gemini_simulator, gemini_image_fallback_models=[FALLBACK])
    gemini_simulator.inject("unavailable", times=10_000, model=PRIMARY)  # 503 "The model is overloaded"

    assert materialize_stage(briefed, "ad_images", resources=resources).success

    images = media_rows(briefed.db, briefed.company.id, "image")
    assert len(images) == 30 and {r["model"] for r in images} == {FALLBACK}
    reasons = [r["fallback_reason"] for r in images]
    # overloaded at first; once the primary failed often enough its breaker is open
    assert all(r.startswith(f"fallback from {PRIMARY}: model overloaded")
               or r.startswith(f"fallback from {PRIMARY}: circuit open") for r in reasons)
    assert any("model overloaded" in r for r in reasons)
    shown = last_metadata(briefed.instance, "ad_images")
    assert shown["model"] == FALLBACK and shown["rows_from_fallback"] == 30
