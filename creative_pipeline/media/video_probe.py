"""What a delivered video really is, and whether it is what was asked.

Why: third-party reports (GoogleCloudPlatform/gcc-creative-studio issue 257, 2026-08) say Omni
video sometimes ignores the requested aspect ratio and duration without an error. So every
delivered video is opened with imageio-ffmpeg's bundled ffmpeg: width, height and duration from
the container, and every frame decoded (a stream that does not decode is not a video). The
comparison is a plain function: a video whose aspect ratio or duration differs from the request
does not match, and is not ready for the placement it was asked for.
"""

from __future__ import annotations

import tempfile
from math import gcd
from pathlib import Path

import imageio_ffmpeg
from pydantic import BaseModel

ASPECTS = {"9:16": 9 / 16, "16:9": 16 / 9, "1:1": 1.0, "4:5": 0.8}
ASPECT_TOLERANCE = 0.02  # 2 %: 1080×1920 and 1088×1920 are both 9:16; 4:5 is not
DURATION_TOLERANCE_S = 0.5  # containers round a clip's length to a frame or an audio packet


class VideoShape(BaseModel):
    """The three facts asked for and delivered (`show --json` videos[].requested / .delivered)."""

    aspect_ratio: str
    duration_s: float
    resolution: str


class VideoProbe(BaseModel):
    width: int = 0
    height: int = 0
    duration_s: float = 0.0
    frames: int = 0
    fps: float = 0.0
    decodable: bool = False
    error: str | None = None

    def shape(self) -> VideoShape:
        return VideoShape(aspect_ratio=aspect_label(self.width, self.height), duration_s=round(self.duration_s, 2),
                          resolution=f"{min(self.width, self.height)}p" if self.width and self.height else "unknown")


def aspect_label(width: int, height: int) -> str:
    """'9:16' when the frame is within 2 % of a known ratio, else the reduced 'W:H'."""
    if not width or not height:
        return "unknown"
    ratio = width / height
    for label, value in ASPECTS.items():
        if abs(ratio / value - 1) <= ASPECT_TOLERANCE:
            return label
    d = gcd(width, height)
    return f"{width // d}:{height // d}"


def probe_video(data: bytes) -> VideoProbe:
    """Open the bytes with ffmpeg: size, duration, fps from the container; every frame decoded."""
    with tempfile.TemporaryDirectory(prefix="cp-probe-") as tmp:
        path = Path(tmp) / "delivered.mp4"
        path.write_bytes(data)
        try:
            reader = imageio_ffmpeg.read_frames(str(path))
            meta = next(reader)
            frames = sum(1 for _ in reader)
        except Exception as exc:  # noqa: BLE001 - ffmpeg reports a broken stream many ways
            return VideoProbe(error=f"not a decodable video: {str(exc).strip().splitlines()[-1][:200] if str(exc) else type(exc).__name__}")
    width, height = (int(v) for v in meta.get("size") or (0, 0))
    duration = float(meta.get("duration") or 0.0)
    fps = float(meta.get("fps") or 0.0)
    if frames == 0 or not width or not height:
        return VideoProbe(width=width, height=height, duration_s=duration, fps=fps, error="no video frames decoded")
    return VideoProbe(width=width, height=height, duration_s=duration, frames=frames, fps=fps, decodable=True)


def mismatches(requested: VideoShape, probe: VideoProbe) -> list[str]:
    """Why the delivered video is not what was asked (empty: it is). Resolution is recorded but a
    lower one does not block a placement; aspect ratio and duration do."""
    if not probe.decodable:
        return [probe.error or "not decodable"]
    out = []
    delivered = probe.shape()
    if delivered.aspect_ratio != requested.aspect_ratio:
        out.append(f"aspect ratio {delivered.aspect_ratio} ({probe.width}×{probe.height}), asked {requested.aspect_ratio}")
    if abs(probe.duration_s - requested.duration_s) > DURATION_TOLERANCE_S:
        out.append(f"duration {probe.duration_s:.2f} s, asked {requested.duration_s:g} s")
    return out
