"""Offline MP4s: valid H.264 files of the right length and size, never silently rescaled."""

from __future__ import annotations

import io
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

from creative_pipeline.media.layout_renderer import render_layout_proof
from creative_pipeline.media.video_assembly import align_size, render_offline_video, slideshow_mp4, video_size

from .conftest import CREATIVE_NAME, make_image_brief, make_video_brief


def _png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="PNG")
    return buf.getvalue()


def _probe(data: bytes, tmp_path: Path) -> tuple[int, float, tuple[int, int]]:
    """(frames, seconds, (width, height)) as ffmpeg reads the file back."""
    assert data[4:8] == b"ftyp", "not an ISO-BMFF/MP4 file"
    path = tmp_path / "probe.mp4"
    path.write_bytes(data)
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    reader.close()
    assert meta["codec"].startswith("h264")
    return frames, seconds, tuple(meta["size"])  # type: ignore[return-value]


def test_slideshow_keeps_1080_width(tmp_path: Path) -> None:
    """1080 is a multiple of 8, not 16: with macro_block_size=16 it would come back as 1088."""
    frames = [_png((1080, 200), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    n, seconds, size = _probe(slideshow_mp4(frames, seconds_per_frame=0.5, fps=8), tmp_path)
    assert size == (1080, 200)
    assert n == 12
    assert abs(seconds - 1.5) <= 0.5


def test_slideshow_aligns_odd_sizes_itself(tmp_path: Path) -> None:
    assert align_size((101, 203)) == (96, 200)
    _, _, size = _probe(slideshow_mp4([_png((101, 203), (9, 9, 9))], seconds_per_frame=0.5, fps=4), tmp_path)
    assert size == (96, 200) and size[0] % 8 == 0 and size[1] % 8 == 0


def test_slideshow_rejects_empty() -> None:
    with pytest.raises(ValueError):
        slideshow_mp4([], 1.0)


@pytest.mark.parametrize(("aspect", "duration", "size"), [("9:16", 8, (360, 640)), ("16:9", 4, (640, 360))])
def test_offline_video_length_and_aspect(tmp_path: Path, aspect: str, duration: int, size: tuple[int, int]) -> None:
    brief = make_video_brief(aspect_ratio=aspect, duration_seconds=duration)
    image = make_image_brief(aspect_ratio=aspect)
    proofs = [render_layout_proof(image, CREATIVE_NAME, v, scale=0.2) for v in (1, 2)]
    frames, seconds, got = _probe(render_offline_video(brief, proofs, CREATIVE_NAME), tmp_path)
    assert got == size
    assert abs(seconds - duration) <= 0.5
    assert frames == duration * 12


def test_offline_video_without_images(tmp_path: Path) -> None:
    _, seconds, got = _probe(render_offline_video(make_video_brief(duration_seconds=4), [], CREATIVE_NAME), tmp_path)
    assert got == (360, 640) and abs(seconds - 4) <= 0.5


def test_full_resolution_sizes() -> None:
    assert video_size(make_video_brief(), full_resolution=True) == (720, 1280)
    assert video_size(make_video_brief(resolution="1080p"), full_resolution=True) == (1080, 1920)
    assert video_size(make_video_brief(aspect_ratio="16:9", resolution="1080p"), full_resolution=True) == (1920, 1080)
    assert all(side % 8 == 0 for side in video_size(make_video_brief(resolution="1080p"), full_resolution=True))
