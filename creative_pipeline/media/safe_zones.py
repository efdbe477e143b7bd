"""Where text may go on each placement: the margins an ad platform's own interface covers.

Numbers are fractions of the frame (top, bottom, left, right), checked 2026-12-04 with the
search tool:
- 9:16 (Reels, Stories, TikTok, Shorts): Meta's guidance for Reels ads keeps the top 14 %, the
  bottom 35 % and 6 % on each side free of text (as summarised with pixel values on a 1080×1920
  frame — 269 / 672 / 65 px — by shotstack.io/learn/vertical-video-safe-zones; Google's vertical
  YouTube ad zone, 288 px top / 672 bottom / 48 left / 192 right, is inside the same bottom band,
  and its right column is taken as our right margin: 192 / 1080 ≈ 18 %). TikTok publishes
  template files, not numbers; its caption and button column sit inside these margins.
- 4:5 and 1:1 (Feed): no interface is drawn over a feed image, but the profile grid shows a
  4:5 post cropped to 3:4 (3.1 % off each side, docs.rs ffcine-reframe `SafeArea::FEED`), and a
  4:5 frame is cut to 1:1 where a placement only takes squares. We keep 6 % on every side
  (title-safe, covers the grid crop) and, for 4:5, 10 % top and bottom so the same text survives
  a 1:1 crop of it.
The overlay (`media/overlay.py`) only ever draws inside `safe_rect`; a test holds it to that.
"""

from __future__ import annotations

from pydantic import BaseModel

PLACEMENTS: tuple[str, ...] = ("9:16", "4:5", "1:1")


class SafeZone(BaseModel):
    """Margins kept free of text, as fractions of the frame's height (top, bottom) and width."""

    top: float
    bottom: float
    left: float
    right: float
    source: str


SAFE_ZONES: dict[str, SafeZone] = {
    "9:16": SafeZone(top=0.14, bottom=0.35, left=0.06, right=0.18,
                     source="Meta Reels ads (14 % top, 35 % bottom, 6 % sides); YouTube vertical right column"),
    "4:5": SafeZone(top=0.10, bottom=0.10, left=0.06, right=0.06,
                    source="feed: grid crop to 3:4 (3.1 % sides) and a 1:1 crop of 4:5 (10 % top/bottom)"),
    "1:1": SafeZone(top=0.06, bottom=0.06, left=0.06, right=0.06, source="feed: title-safe 6 % on every side"),
    "16:9": SafeZone(top=0.06, bottom=0.12, left=0.06, right=0.06, source="in-stream: title-safe, player bar at the bottom"),
}

Rect = tuple[int, int, int, int]


def safe_rect(size: tuple[int, int], placement: str) -> Rect:
    """(x0, y0, x1, y1) of the area text may use on a frame of `size` for `placement`."""
    zone = SAFE_ZONES[placement]
    w, h = size
    return round(w * zone.left), round(h * zone.top), w - round(w * zone.right), h - round(h * zone.bottom)


def inside(box: Rect, rect: Rect) -> bool:
    """Whether `box` lies entirely within `rect`."""
    return box[0] >= rect[0] and box[1] >= rect[1] and box[2] <= rect[2] and box[3] <= rect[3]
