"""What a delivered video is (ffmpeg probe) and whether it is what was asked."""

from PIL import Image

from creative_pipeline.media.video_assembly import encode_mp4
from creative_pipeline.media.video_probe import VideoShape, aspect_label, mismatches, probe_video

ASKED = VideoShape(aspect_ratio="9:16", duration_s=8, resolution="720p")


def clip(size: tuple[int, int], seconds: float) -> bytes:
    return encode_mp4([Image.new("RGB", size, (200, 40, 40)), Image.new("RGB", size, (40, 200, 40))], seconds / 2, fps=4)


def test_a_clip_as_asked_matches() -> None:
    probe = probe_video(clip((360, 640), 8))
    assert probe.decodable and (probe.width, probe.height) == (360, 640) and probe.frames == 32
    assert abs(probe.duration_s - 8) < 0.3
    assert probe.shape().aspect_ratio == "9:16" and probe.shape().resolution == "360p"
    assert mismatches(ASKED, probe) == []  # a lower resolution is recorded, it does not block


def test_wrong_aspect_and_wrong_length_are_each_reported() -> None:
    wide = probe_video(clip((640, 360), 8))
    assert mismatches(ASKED, wide) == ["aspect ratio 16:9 (640×360), asked 9:16"]
    short = probe_video(clip((360, 640), 4))
    assert len(mismatches(ASKED, short)) == 1 and mismatches(ASKED, short)[0].startswith("duration 4.")


def test_bytes_that_are_no_video_are_not_decodable() -> None:
    probe = probe_video(b"<html>not a video</html>")
    assert not probe.decodable and probe.error and mismatches(ASKED, probe) == [probe.error]


def test_aspect_labels() -> None:
    assert aspect_label(1080, 1920) == aspect_label(1088, 1920) == "9:16"
    assert aspect_label(1080, 1350) == "4:5" and aspect_label(1000, 700) == "10:7"
