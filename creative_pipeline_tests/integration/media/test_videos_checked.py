"""Videos asked well and checked (issue 19 item 4), through the real SDK against the simulator:
clean plates as first frames in the video's aspect, the negative prompt where each backend takes
it, and every delivered video probed — one that comes back in the wrong aspect or length is
marked not ready, in the rows, `show --json` and `review`, never passed as ready."""

import base64
import io

from PIL import Image

from creative_pipeline.media.video_probe import probe_video
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.services.report import company_report
from creative_pipeline.services.review_listing import review_rows
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

from .conftest import Briefed, last_metadata, media_rows
from .test_media_gemini import VEO, gemini_resources


def _parts(body: dict) -> list[dict]:
    parts = body["input"] if isinstance(body["input"], list) else [{"type": "text", "text": body["input"]}]
    return [c for p in parts for c in (p.get("content") or [] if p.get("type") == "user_input" else [p])]


def test_a_render_in_the_wrong_aspect_or_length_is_marked_not_passed(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    assert all(ok for _, _, ok in briefed.run("ad_images"))  # offline clean plates and ads
    storage = briefed.resources["supabase"].storage()
    plates = {(r["creative_name"], r["variant"]): r for r in media_rows(briefed.db, briefed.company.id, "image")}
    ads = {r["storage_path"] for r in media_rows(briefed.db, briefed.company.id, "ad")}
    gemini_simulator.configure(local_video_uris=True)
    gemini_simulator.inject("wrong_shape", times=1, endpoint="interactions.create")
    resources = gemini_resources(briefed, gemini_simulator, video_approval_gate=False)
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=resources))

    creates = gemini_simulator.requests_for("interactions.create")
    assert len(creates) == 3
    for call in creates:
        parts = _parts(call.body)
        text = next(p["text"] for p in parts if p["type"] == "text")
        assert text.startswith("Vertical (9:16)") and "Avoid: on-screen text" in text and "distorted" in text
        assert "Camera:" in text and "Lighting:" in text and "says:" in text  # the brief's camera, light and dialogue
        images = [base64.b64decode(p["data"]) for p in parts if p["type"] == "image"]
        assert len(images) == 3  # the opening frame and two references: the creative's clean plates
        with Image.open(io.BytesIO(images[0])) as first:
            assert abs(first.width / first.height - 9 / 16) < 0.01
        stored = {storage.get(p["storage_path"]) for p in plates.values()}
        assert all(img in stored for img in images)  # plates, never a composed ad with words on it
        assert not any(img == storage.get(a) for a in ads for img in images[:1])

    videos = media_rows(briefed.db, briefed.company.id, "video")
    assert [v["status"] for v in videos] == ["ok"] * 3  # stored: it was paid for
    wrong = [v for v in videos if not v["data"]["matches"]]
    assert len(wrong) == 1 and wrong[0]["data"]["ready"] is False
    assert wrong[0]["data"]["delivered"] == {"aspect_ratio": "16:9", "duration_s": 6.0, "resolution": "72p"}
    assert wrong[0]["data"]["requested"] == {"aspect_ratio": "9:16", "duration_s": 8.0, "resolution": "720p"}
    assert any("aspect ratio 16:9" in m for m in wrong[0]["data"]["mismatches"])
    assert any("duration 6.00 s" in m for m in wrong[0]["data"]["mismatches"])
    right = [v for v in videos if v["data"]["matches"]]
    assert all(v["data"]["probe"]["decodable"] and v["data"]["delivered"]["duration_s"] == 8.0 for v in right)
    assert all(v["data"]["variant_name"] == f"{v['creative_name']}_V4" for v in videos)
    for v in right:  # the finished cut: the render with the supers over their seconds and a 1.5 s end card
        finished = probe_video(storage.get(v["data"]["ad_path"]))
        assert finished.decodable and abs(finished.duration_s - 9.5) < 0.3 and v["data"]["supers"] >= 1
    assert last_metadata(briefed.instance, "ad_videos")["not_as_asked"] == 1

    with briefed.db.transaction() as conn:
        shown = company_report(conn, briefed.company.slug)["videos"]
    assert len(shown) == 3 and sum(1 for v in shown if v["matches"] is False and not v["ready"]) == 1
    marked = next(v for v in shown if v["matches"] is False)
    assert marked["requested"]["aspect_ratio"] == "9:16" and marked["delivered"]["aspect_ratio"] == "16:9"
    rows = review_rows(briefed.db, storage, briefed.company, MediaPolicy(), 60)
    listed = [r.video for r in rows if r.video is not None]
    assert sorted(v.matches for v in listed) == [False, True, True]
    assert next(v for v in listed if v.matches is False).mismatches == wrong[0]["data"]["mismatches"]


def test_veo_gets_the_negative_prompt_in_its_field_and_a_clean_first_frame(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    assert all(ok for _, _, ok in briefed.run("ad_images"))
    resources = gemini_resources(briefed, gemini_simulator, video_approval_gate=False, gemini_video_model=VEO)
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=resources))
    calls = gemini_simulator.requests_for("predictLongRunning")
    assert len(calls) == 3
    for call in calls:
        instance, params = call.body["instances"][0], call.body["parameters"]
        assert "on-screen text" in params["negativePrompt"] and "watermark" in params["negativePrompt"]
        assert "Avoid:" not in instance["prompt"] and instance["prompt"].startswith("Vertical (9:16)")
        assert params["durationSeconds"] == 8 and params["aspectRatio"] == "9:16"
        frame = base64.b64decode(instance["image"]["bytesBase64Encoded"])
        with Image.open(io.BytesIO(frame)) as img:
            assert abs(img.width / img.height - 9 / 16) < 0.01
    assert all(v["data"]["matches"] for v in media_rows(briefed.db, briefed.company.id, "video"))


def test_omni_1_2_passes_through_the_pinned_sdk_and_is_priced(briefed: Briefed, gemini_simulator: GeminiSimulator) -> None:
    """google-genai 2.34 does not list gemini-omni-1.2-flash, but its Interactions client takes any
    model id: the setting reaches the service as is, and the render is booked at 1.2's price."""
    gemini_simulator.configure(local_video_uris=True)
    resources = gemini_resources(briefed, gemini_simulator, video_approval_gate=False,
                                 gemini_video_model="gemini-omni-1.2-flash")
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=resources))
    creates = gemini_simulator.requests_for("interactions.create")
    assert len(creates) == 3 and {c.body["model"].removeprefix("models/") for c in creates} == {"gemini-omni-1.2-flash"}
    videos = media_rows(briefed.db, briefed.company.id, "video")
    assert {v["model"] for v in videos} == {"gemini-omni-1.2-flash"} and all(v["data"]["matches"] for v in videos)
    with briefed.db.transaction() as conn:
        booked = conn.execute("select cost_usd from api_usage where company_id = %s and step = 'ad_videos' "
                              "and cost_usd > 0", (briefed.company.id,)).fetchall()
    assert len(booked) == 3 and all(abs(float(b["cost_usd"]) - 8 * 0.07) < 1e-9 for b in booked)
