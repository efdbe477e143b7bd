"""GeminiMediaClient through the real SDK against the simulator, without the pipeline around it:
the transient faults of a Veo render (the generate_videos backend) are waited out, permanent
ones are reported once."""

from __future__ import annotations

import asyncio

from creative_pipeline.domain.brief import VideoBrief, VideoShot
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig
from creative_pipeline.resources.gemini.sdk.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.sdk.replies import image_mime
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.gemini.video.backends import InteractionsBackend, VeoBackend
from creative_pipeline.resources.gemini.video.render import VideoRenderer
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

VEO = "veo-3.1-fast-generate-001"
BRIEF = VideoBrief(concept="A cup of cold brew, made in ten seconds.", shots=[VideoShot(description="Pour")], cta="Try it")


def media_client(sim: GeminiSimulator, backend: str = "veo", deadline_s: float = 5.0,
                 **config: object) -> tuple[GeminiMediaClient, UsageLedger]:
    ledger = UsageLedger("test")
    text = GeminiTextClient(
        ClientConfig(api_key="sim-key", base_url=sim.base_url, backoff_base_s=0.01, **config), ledger  # type: ignore[arg-type]
    )
    cls = VeoBackend if backend == "veo" else InteractionsBackend
    video = cls(text.client, api_key="sim-key", base_url=sim.base_url, timeout_s=10)
    renderer = VideoRenderer(text, video, poll_interval_s=0.01, deadline_s=deadline_s, retention_h=47)
    return GeminiMediaClient(text, renderer), ledger


def test_transient_faults_while_submitting_and_polling_do_not_lose_the_video(gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.retry_delay = "0.02s"
    gemini_simulator.inject("rate_limited", endpoint="predictLongRunning")
    gemini_simulator.inject("server_error", endpoint="operation")
    gemini_simulator.inject("unavailable", endpoint="operation")
    client, ledger = media_client(gemini_simulator)
    result = asyncio.run(client.video(VEO, BRIEF, []))
    assert result.error is None and result.data and result.data[4:8] == b"ftyp"
    assert len(gemini_simulator.requests_for("predictLongRunning")) == 2
    polls = gemini_simulator.requests_for("operation")
    assert sorted(r.fault for r in polls if r.fault) == ["server_error", "unavailable"]
    statuses = [(c.kind, c.status) for c in ledger.calls]
    # the 429, the booking at acceptance (no durable store here: in the step's ledger), the outcome
    assert statuses == [("video", "retry"), ("video", "ok"), ("video", "ok")]
    assert ledger.calls[1].cost_usd > 0 and ledger.calls[2].cost_usd == 0


def test_a_submission_that_keeps_failing_is_one_failed_item(gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.inject("server_error", times=2, endpoint="predictLongRunning")
    client, ledger = media_client(gemini_simulator, max_attempts=2)
    result = asyncio.run(client.video(VEO, BRIEF, []))
    assert result.data is None and "gave up after 2 attempts" in (result.error or "")
    assert [c.status for c in ledger.calls] == ["retry", "failed"]


def test_filtered_renders_name_the_filter_reason(gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.inject("no_videos")
    client, _ = media_client(gemini_simulator)
    result = asyncio.run(client.video(VEO, BRIEF, []))
    assert "no generated videos" in (result.error or "") and "safety filters" in (result.error or "")


def test_image_mime_follows_the_bytes() -> None:
    assert image_mime(b"\x89PNG\r\n\x1a\n...") == "image/png"
    assert image_mime(b"\xff\xd8\xff\xe0...") == "image/jpeg"
    assert image_mime(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"


def test_the_veo_backend_speaks_vertex_ai(gemini_simulator: GeminiSimulator) -> None:
    """GOOGLE_GENAI_USE_VERTEXAI: the same generate_videos call goes to the project/location path,
    is polled with fetchPredictOperation, and the video comes back inline (no download)."""
    import google.oauth2.credentials
    from google import genai
    from google.genai import types

    ledger = UsageLedger("test")
    text = GeminiTextClient(ClientConfig(api_key="unused", base_url=gemini_simulator.base_url, backoff_base_s=0.01), ledger)
    text.client = genai.Client(  # ADC in production; a static token here (no network)
        vertexai=True, project="acme-ads", location="us-central1",
        credentials=google.oauth2.credentials.Credentials(token="vertex-token"),
        http_options=types.HttpOptions(base_url=gemini_simulator.base_url, api_version="v1"),
    )
    renderer = VideoRenderer(text, VeoBackend(text.client, api_key=None, base_url=None, timeout_s=10),
                             poll_interval_s=0.01, deadline_s=5, retention_h=47)
    gemini_simulator.polls_until_done = 2
    result = asyncio.run(GeminiMediaClient(text, renderer).video(VEO, BRIEF, [b"\x89PNG\r\n\x1a\n" + b"0" * 16]))
    assert result.error is None and result.data and result.data[4:8] == b"ftyp"
    assert result.render_id and result.render_id.startswith("projects/acme-ads/locations/us-central1/publishers/google/")
    [submit] = gemini_simulator.requests_for("predictLongRunning")
    assert submit.path == f"/v1/projects/acme-ads/locations/us-central1/publishers/google/models/{VEO}:predictLongRunning"
    assert submit.headers["authorization"] == "Bearer vertex-token" and "x-goog-api-key" not in submit.headers
    assert submit.body["instances"][0]["image"]["mimeType"] == "image/png"  # the first frame
    polls = gemini_simulator.requests_for("operation")
    assert len(polls) == 2 and all(p.path.endswith(":fetchPredictOperation") for p in polls)
    assert polls[0].body["operationName"] == result.render_id
    assert not gemini_simulator.requests_for("download")
