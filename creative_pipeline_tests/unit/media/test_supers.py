"""Supers and the end card go on after rendering: the render's frames are kept, the words added."""

import tempfile
from pathlib import Path

import imageio_ffmpeg
from PIL import Image

from creative_pipeline.media.supers import END_CARD_S, add_supers
from creative_pipeline.media.video_assembly import encode_mp4
from creative_pipeline.media.video_probe import probe_video


def frames(video: bytes) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.mp4"
        path.write_bytes(video)
        reader = imageio_ffmpeg.read_frames(str(path))
        size = tuple(next(reader)["size"])
        return [Image.frombytes("RGB", size, f) for f in reader]


def test_supers_appear_in_their_seconds_and_an_end_card_follows() -> None:
    render = encode_mp4([Image.new("RGB", (360, 640), (30, 90, 160))] * 2, 2.0, fps=8)  # 4 s, plain blue
    out = add_supers(render, [(0.0, 2.0, "SIX FIFTY EIGHT")], "Start my trial →", ["#FFD400"])
    probe = probe_video(out)
    assert probe.decodable and (probe.width, probe.height) == (360, 640)
    assert abs(probe.duration_s - (4 + END_CARD_S)) < 0.3
    got = frames(out)
    def yellowish(img: Image.Image, top: int = 300) -> int:
        return sum(1 for x in range(0, 360, 3) for y in range(top, 420, 3)
                   if (p := img.getpixel((x, y)))[0] > 180 and p[1] > 160 and p[2] < 120)

    assert yellowish(got[4]) > 20  # 0.5 s: the super, in the brand colour, in the lower safe zone
    assert yellowish(got[24]) == 0  # 3 s: no super any more, the render as it was
    assert yellowish(got[-1], top=150) > 20 and sum(got[-1].getpixel((5, 5))) < sum(got[24].getpixel((5, 5)))  # dimmed end card
