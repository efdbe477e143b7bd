"""Re-running ad_images keeps the images whose brief did not change (they were paid for);
a changed brief is re-rendered, and `force` re-renders everything."""

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

from .conftest import Briefed, last_metadata, materialize_stage, media_rows


def test_unchanged_briefs_keep_their_images(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    resources = build_resources(briefed.settings.model_copy(update={
        "gemini_api_key": "sim-key", "gemini_base_url": gemini_simulator.base_url, "gemini_backoff_base_s": 0.02}))
    assert materialize_stage(briefed, "ad_images", resources=resources).success
    first = {(r["creative_name"], r["variant"]): r["storage_path"] for r in media_rows(briefed.db, briefed.company.id, "image")}
    assert len(first) == 30 and len(gemini_simulator.requests_for("generateContent")) == 30

    with briefed.db.transaction() as conn:  # a reviewer's revision changes one brief
        name = load_briefs(conn, briefed.company.id)[0].creative_name
        conn.execute("update assets set data = jsonb_set(data, '{brief,headline}', '\"A new headline\"') "
                     "where company_id = %s and kind = 'image_brief' and creative_name = %s", (briefed.company.id, name))
    gemini_simulator.reset()
    assert materialize_stage(briefed, "ad_images", resources=resources).success
    assert len(gemini_simulator.requests_for("generateContent")) == 3  # only the changed winner's 3 images
    again = media_rows(briefed.db, briefed.company.id, "image")
    assert len(again) == 30 and {r["status"] for r in again} == {"ok"}
    assert last_metadata(briefed.instance, "ad_images")["winners_kept_unchanged"] == 9

    gemini_simulator.reset()
    assert materialize_stage(briefed, "ad_images", {"force": True}, resources=resources).success
    assert len(gemini_simulator.requests_for("generateContent")) == 30
