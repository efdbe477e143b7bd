"""ad_images and ad_videos through the real google-genai SDK against the Gemini simulator.

Briefs come from the offline chain (fast); the media stages then run on the `gemini` provider,
so every image and video call goes over HTTP with the simulator's faults.
"""

import base64
from typing import Any

import pytest

from creative_pipeline.demo.site_server import SITE_DIR
from creative_pipeline.resources.build import build_resources
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

from .conftest import Briefed, check_results, last_metadata, materialize_stage, media_rows

VEO = "veo-3.1-fast-generate-001"  # the generate_videos backend (Vertex AI's Veo)


def gemini_resources(ready: Briefed, sim: GeminiSimulator, **changes: Any) -> dict[str, Any]:
    return build_resources(ready.settings.model_copy(update={
        "gemini_api_key": "sim-key", "gemini_base_url": sim.base_url, "gemini_backoff_base_s": 0.02,
        "video_poll_interval_s": 0.02, "video_deadline_s": 2.0, **changes,
    }))


def usage(ready: Briefed, step: str) -> list[dict]:
    with ready.db.transaction() as conn:
        return conn.execute("select * from api_usage where company_id = %s and step = %s", (ready.company.id, step)).fetchall()


def test_images_come_from_inline_data_and_transient_faults_are_retried(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.inject("no_image", times=1)
    gemini_simulator.inject("text_only", times=1)
    result = briefed.run("ad_images", resources=gemini_resources(briefed, gemini_simulator))
    assert all(ok for _, _, ok in result), result
    images = media_rows(briefed.db, briefed.company.id, "image")
    assert len(images) == 30 and {r["status"] for r in images} == {"ok"}
    assert {(r["provider"], r["model"]) for r in images} == {("gemini", "gemini-nano-banana-2.1")}
    assert {(r["data"]["width"], r["data"]["height"]) for r in images} <= {(288, 512), (512, 512)}  # simulator sizes
    calls = gemini_simulator.requests_for("generateContent", "gemini-nano-banana-2.1")
    assert len(calls) == 32 and sorted(c.fault for c in calls if c.fault) == ["no_image", "text_only"]
    product = (SITE_DIR / "img" / "cold-brew-bottle.jpg").read_bytes()
    parts = [c.body["contents"][0]["parts"] for c in calls]
    images = [[base64.urlsafe_b64decode(p["inlineData"]["data"]) for p in ps if "inlineData" in p] for ps in parts]
    texts = [next(p["text"] for p in ps if "text" in p) for ps in parts]
    primaries = [i for i, t in zip(images, texts) if t.startswith("The first image is the brand's real product photo")]
    edits = [i for i, t in zip(images, texts) if t.startswith("Edit the first image")]
    assert len(primaries) + len(edits) == 32 and len(edits) >= 20  # the variants are edits of their primary
    assert all(i == [product] for i in primaries)  # primaries get the site's product photo as inline data
    assert all(len(i) == 2 and i[1] == product and i[0] != product for i in edits)  # the primary, then the product
    assert last_metadata(briefed.instance, "ad_images")["brand_references"].startswith("product photo")
    assert all(c.body["generationConfig"]["responseModalities"] == ["IMAGE"] for c in calls)
    image_configs = [c.body["generationConfig"]["imageConfig"] for c in calls]
    assert all(ic.get("imageSize", ic.get("image_size")) == "1K" for ic in image_configs)
    ledger = usage(briefed, "ad_images")
    assert sum(1 for u in ledger if u["status"] == "retry") == 2 and sum(1 for u in ledger if u["status"] == "ok") == 30
    ok = [u for u in ledger if u["status"] == "ok"]  # priced per image by size: 1120 tokens x $30 / 1M at 1K
    assert all(float(u["cost_usd"]) >= 0.0336 for u in ok)


def test_a_failed_image_is_recorded_and_the_other_winners_are_kept(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.inject("image_safety", times=1)
    resources = gemini_resources(briefed, gemini_simulator, gemini_max_attempts=1)
    assert all(ok for _, _, ok in briefed.run("ad_images", resources=resources))
    images = media_rows(briefed.db, briefed.company.id, "image")
    failed = [r for r in images if r["status"] == "failed"]
    assert len(images) == 30 and len(failed) == 1
    assert "IMAGE_SAFETY" in failed[0]["error"] and failed[0]["storage_path"] is None
    complete = {r["creative_name"] for r in images} - {failed[0]["creative_name"]}
    assert len(complete) == 9
    assert all(sum(1 for r in images if r["creative_name"] == n and r["status"] == "ok") == 3 for n in complete)
    meta = last_metadata(briefed.instance, "ad_images")
    assert meta["images"] == 29 and meta["images_failed"] == 1 and "IMAGE_SAFETY" in meta["failures"]
    checks = check_results(briefed.instance)
    assert checks["image_objects_present"][0] is True
    assert checks["image_set_per_winner"][0] is False and checks["image_set_per_winner"][1].value == "WARN"


def test_a_failed_rerender_keeps_the_previous_good_image(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    resources = gemini_resources(briefed, gemini_simulator, gemini_max_attempts=1)
    assert all(ok for _, _, ok in briefed.run("ad_images", resources=resources))
    before = {(r["creative_name"], r["variant"]): r for r in media_rows(briefed.db, briefed.company.id, "image")}
    gemini_simulator.inject("image_safety", times=1)
    # unchanged briefs are kept without a call (issue 9): `force` re-renders, and one re-render fails
    assert materialize_stage(briefed, "ad_images", {"force": True}, resources=resources).success
    after = media_rows(briefed.db, briefed.company.id, "image")
    assert len(after) == 30 and {r["status"] for r in after} == {"ok"}
    kept = [r for r in after if r["data"].get("rerender_failed")]
    assert len(kept) == 1 and "IMAGE_SAFETY" in kept[0]["data"]["rerender_failed"]
    old = before[(kept[0]["creative_name"], kept[0]["variant"])]
    assert kept[0]["storage_path"] == old["storage_path"] and kept[0]["data"]["sha256"] == old["data"]["sha256"]
    assert briefed.resources["supabase"].storage().exists(kept[0]["storage_path"])
    assert last_metadata(briefed.instance, "ad_images")["images_failed"] == 1


@pytest.mark.parametrize("fault, reason", [
    ("never_done", "deadline"), ("no_videos", "no generated videos"), ("operation_error", "video operation failed"),
])
def test_video_faults_are_recorded_per_creative(briefed: Briefed, gemini_simulator: GeminiSimulator, fault: str, reason: str) -> None:
    """The Veo backend (generate_videos), as Vertex AI users run it."""
    resources = gemini_resources(briefed, gemini_simulator, video_approval_gate=False, video_deadline_s=0.5,
                                 gemini_video_model=VEO)
    gemini_simulator.retry_delay = "0.05s"
    gemini_simulator.inject("poll_rate_limited", times=2)  # absorbed: the poll waits and asks again
    gemini_simulator.inject(fault, times=1)
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=resources))
    videos = media_rows(briefed.db, briefed.company.id, "video")
    assert len(videos) == 3
    failed = [v for v in videos if v["status"] == "failed"]
    assert len(failed) == 1 and reason in failed[0]["error"]
    ok = [v for v in videos if v["status"] == "ok"]
    storage = resources["supabase"].storage()
    assert all(v["storage_path"].endswith("/video.mp4") and storage.get(v["storage_path"])[4:8] == b"ftyp" for v in ok)
    sent = gemini_simulator.requests_for("predictLongRunning")
    assert len(sent) == 3 and all(r.body["parameters"]["aspectRatio"] == "9:16" for r in sent)
    assert all(r.body["parameters"]["durationSeconds"] == 8 for r in sent)
    assert len(gemini_simulator.requests_for("download")) == 2
    assert [u["status"] for u in usage(briefed, "ad_videos")].count("failed") == 1

    again = materialize_stage(briefed, "ad_videos", resources=resources)  # the two good ones are kept, not re-bought
    if fault == "never_done":  # the stored operation is polled again (still rendering), never paid for twice
        assert not again.success  # its one video is still not ready: "every video failed"
        assert len(gemini_simulator.requests_for("predictLongRunning")) == 3
        assert len(gemini_simulator.requests_for("operation")) > 3
        return
    assert again.success
    meta = last_metadata(briefed.instance, "ad_videos")
    # the provider said failed: a new render is submitted
    assert meta["kept_unchanged"] == 2 and meta["rendered"] == 1 and meta["failed"] == 0
    assert len(gemini_simulator.requests_for("predictLongRunning")) == 4


def test_omni_videos_through_the_interactions_api_are_stored_booked_and_kept(
    briefed: Briefed, gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.configure(local_video_uris=True, polls_until_done=2)
    resources = gemini_resources(briefed, gemini_simulator, video_approval_gate=False)
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=resources))
    videos = media_rows(briefed.db, briefed.company.id, "video")
    assert [v["status"] for v in videos] == ["ok"] * 3 and {v["model"] for v in videos} == {"gemini-omni-1.1-flash"}
    creates = gemini_simulator.requests_for("interactions.create")
    assert len(creates) == 3 and all(c.body["response_format"]["aspect_ratio"] == "9:16" for c in creates)
    with briefed.db.transaction() as conn:
        renders = conn.execute("select * from video_renders where company_id = %s", (briefed.company.id,)).fetchall()
    assert len(renders) == 3 and {r["status"] for r in renders} == {"done"}
    booked = [u for u in usage(briefed, "ad_videos") if float(u["cost_usd"]) > 0]
    assert len(booked) == 3 and all(float(u["cost_usd"]) == 8 * 0.13 for u in booked)
    assert not gemini_simulator.requests_for("predictLongRunning")
    assert materialize_stage(briefed, "ad_videos", resources=resources).success
    assert last_metadata(briefed.instance, "ad_videos")["kept_unchanged"] == 3
    assert len(gemini_simulator.submissions()) == 3


def test_videos_served_by_the_endpoint_itself_are_downloaded_from_it(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    """A proxy or another implementation may hand back its own http URIs, which the SDK's
    files.download cannot use; those are fetched from the configured endpoint, with the key."""
    gemini_simulator.local_video_uris = True
    resources = gemini_resources(briefed, gemini_simulator, video_approval_gate=False, gemini_video_model=VEO)
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=resources))
    videos = media_rows(briefed.db, briefed.company.id, "video")
    assert [v["status"] for v in videos] == ["ok"] * 3
    assert all(v["data"]["probe"]["decodable"] and v["data"]["matches"] for v in videos)  # the bytes, not the metadata
    downloads = gemini_simulator.requests_for("download")
    assert len(downloads) == 3 and all(d.headers.get("x-goog-api-key") == "sim-key" for d in downloads)


def test_without_brand_images_primaries_come_from_the_brief_alone(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    with briefed.db.transaction() as conn:
        conn.execute("delete from brand_assets where company_id = %s", (briefed.company.id,))
    assert all(ok for _, _, ok in briefed.run("ad_images", resources=gemini_resources(briefed, gemini_simulator)))
    calls = gemini_simulator.requests_for("generateContent", "gemini-nano-banana-2.1")
    inline = [sum("inlineData" in p for p in c.body["contents"][0]["parts"]) for c in calls]
    assert sorted(inline) == [0] * 10 + [1] * 20  # primaries: the text alone; variants: their primary only
    assert last_metadata(briefed.instance, "ad_images")["brand_references"].startswith("none (no brand image")
