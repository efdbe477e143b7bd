"""The offline provider's clean plate: a layout proof of the picture alone, with no ad copy.

What a live image model returns now is a clean plate (no headline, no button); the words are laid
over afterwards (`media/overlay.py`). The offline stand-in follows the same contract: the brief's
palette as a gradient, a wireframe picture box holding what the picture should show (kept in the
band every placement's reframe keeps: 36–58 % of the height, clear of the headline and CTA
zones), the creative name in the footer and the "OFFLINE PROOF — not AI output" banner, so it
never passes for AI art.
"""

from __future__ import annotations

from PIL import Image

from creative_pipeline.domain.brief import ImageBrief
from creative_pipeline.media.layout_renderer import _draw_footer, _draw_visual, draw_banner, png_bytes, proof_canvas

VISUAL_BAND = (0.36, 0.58)  # fraction of the plate's height the picture box spans
# where a brand product photo goes (media/brand_compose): the lower part of the picture box, below its text
PRODUCT_BOX = (0.06, VISUAL_BAND[0] + (VISUAL_BAND[1] - VISUAL_BAND[0]) * 0.4, 0.94, VISUAL_BAND[1])


def render_plate_proof_image(brief: ImageBrief, creative_name: str, variant: int = 1, persona: str = "",
                             scale: float = 1.0) -> Image.Image:
    img, u, pal = proof_canvas(brief, variant, scale)
    w, h = img.size
    m = int(w * 0.06)
    frame = (m, int(h * VISUAL_BAND[0]), w - m, int(h * VISUAL_BAND[1]))
    _draw_visual(img, frame, (w, h, w, h), brief, variant, u)  # no copy block to keep clear of
    footer_h = int(h * 0.06)
    _draw_footer(img, (m, h - m // 2 - footer_h, w - m, h - m // 2), pal, creative_name, persona, variant, u)
    draw_banner(img)
    return img


def render_plate_proof(brief: ImageBrief, creative_name: str, variant: int = 1, persona: str = "", scale: float = 1.0) -> bytes:
    """PNG bytes of the clean plate proof for `variant`."""
    return png_bytes(render_plate_proof_image(brief, creative_name, variant, persona, scale))
