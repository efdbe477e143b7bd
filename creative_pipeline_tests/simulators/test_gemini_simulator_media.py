"""The Gemini simulator's image (Nano Banana) and video (Veo) protocol, via the real SDK."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import imageio_ffmpeg
import pytest
from google.genai import errors, types
from PIL import Image

from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator, running_gemini_simulator

IMAGE_MODEL = "gemini-nano-banana-2.1"
VEO = "veo-3.1-fast-generate-001"


def _image_call(sim: GeminiSimulator, aspect: str = "9:16") -> types.GenerateContentResponse:
    cfg = types.GenerateContentConfig(response_modalities=["IMAGE"], image_config=types.ImageConfig(aspect_ratio=aspect))
    return sim.client().models.generate_content(model=IMAGE_MODEL, contents="A bold ad", config=cfg)


def _image_parts(resp: types.GenerateContentResponse) -> list[types.Part]:
    return [p for p in (resp.parts or []) if p.inline_data is not None]


@pytest.mark.parametrize(("aspect", "size"), [("9:16", (288, 512)), ("1:1", (512, 512)), ("16:9", (512, 288)),
                                              ("4:5", (410, 512))])
def test_image_has_requested_aspect(gemini_simulator: GeminiSimulator, aspect: str, size: tuple[int, int]) -> None:
    (part,) = _image_parts(_image_call(gemini_simulator, aspect))
    assert part.inline_data.mime_type == "image/png"
    img = Image.open(io.BytesIO(part.inline_data.data))
    assert img.format == "PNG" and img.size == size


def test_image_colour_varies_and_bad_aspect_rejected(gemini_simulator: GeminiSimulator) -> None:
    colours = {Image.open(io.BytesIO(_image_parts(_image_call(gemini_simulator))[0].inline_data.data))
               .convert("RGB").getpixel((2, 2)) for _ in range(3)}
    assert len(colours) == 3
    with pytest.raises(errors.ClientError) as info:
        _image_call(gemini_simulator, aspect="7:3")
    assert info.value.code == 400


@pytest.mark.parametrize(("fault", "finish"), [("no_image", "NO_IMAGE"), ("image_safety", "IMAGE_SAFETY"),
                                               ("text_only", "STOP")])
def test_image_faults(gemini_simulator: GeminiSimulator, fault: str, finish: str) -> None:
    gemini_simulator.inject("invalid_json")  # text-only fault: must not be consumed by image calls
    gemini_simulator.inject(fault)
    resp = _image_call(gemini_simulator)
    assert _image_parts(resp) == []
    assert resp.candidates[0].finish_reason == types.FinishReason(finish)
    if fault == "text_only":
        assert resp.text
    assert _image_parts(_image_call(gemini_simulator)), "fault consumed once"
    assert gemini_simulator.faults.pending() == [("invalid_json", 1)]


def _start_video(sim: GeminiSimulator, **cfg: object) -> types.GenerateVideosOperation:
    config = types.GenerateVideosConfig(**{"aspect_ratio": "9:16", "duration_seconds": 8, "number_of_videos": 1,
                                           **cfg})
    source = types.GenerateVideosSource(prompt="Product demo, vertical")
    return sim.client().models.generate_videos(model=VEO, source=source, config=config)


def test_video_flow_poll_and_download(tmp_path: Path) -> None:
    with running_gemini_simulator(polls_until_done=2) as sim:
        client = sim.client()
        op = _start_video(sim)
        assert not op.done and op.name.startswith(f"models/{VEO}/operations/")
        op = client.operations.get(op)
        assert not op.done
        op = client.operations.get(op)
        assert op.done and op.error is None
        video = op.response.generated_videos[0].video
        assert video.uri.startswith("https://") and "/files/" in video.uri
        data = client.files.download(file=video)
        assert data[4:8] == b"ftyp" and video.video_bytes == data
        path = tmp_path / "clip.mp4"
        path.write_bytes(data)
        assert imageio_ffmpeg.count_frames_and_secs(str(path))[1] == pytest.approx(8, abs=0.5)
        assert [r.endpoint for r in sim.requests] == ["predictLongRunning", "operation", "operation", "download"]
        predict = sim.requests[0].body
        assert predict["parameters"]["aspectRatio"] == "9:16" and predict["instances"][0]["prompt"]

        async def aio_download() -> bytes:
            return await client.aio.files.download(file=op.response.generated_videos[0].video)

        assert asyncio.run(aio_download())[4:8] == b"ftyp"


def test_video_faults(gemini_simulator: GeminiSimulator) -> None:
    client = gemini_simulator.client()
    gemini_simulator.inject("never_done")
    op = _start_video(gemini_simulator)
    for _ in range(4):
        op = client.operations.get(op)
    assert not op.done
    gemini_simulator.inject("no_videos")
    op = client.operations.get(_start_video(gemini_simulator))
    assert op.done and not op.response.generated_videos
    gemini_simulator.inject("operation_error")
    op = client.operations.get(_start_video(gemini_simulator))
    assert op.done and op.error["code"] == 13 and op.response is None
    gemini_simulator.inject("poll_rate_limited", retry_delay="0.1s")
    op = _start_video(gemini_simulator)
    with pytest.raises(errors.ClientError) as info:
        client.operations.get(op)
    assert info.value.code == 429
    assert client.operations.get(op).done, "a 429'd poll does not count; next poll completes"
    with pytest.raises(errors.ClientError) as info:
        _start_video(gemini_simulator, aspect_ratio="1:1")
    assert info.value.code == 400
