"""Contact sheet: a balanced grid (5×2 for ten winners), captioned, at most ~2000 px wide."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from creative_pipeline.media.contact_sheet import ContactItem, contact_sheet_png, grid_shape
from creative_pipeline.media.layout_renderer import render_layout_proof

from .conftest import CREATIVE_NAME, make_image_brief


def _items(count: int) -> list[ContactItem]:
    png = render_layout_proof(make_image_brief(), CREATIVE_NAME, scale=0.15)
    return [
        ContactItem(image_png=png, creative_name=CREATIVE_NAME.replace("W03", f"W{r:02d}"), final_score=90 - r, persona="Remote Rita", rank=r)
        for r in range(count, 0, -1)  # deliberately out of rank order
    ]


def test_grid_shapes() -> None:
    assert grid_shape(10) == (5, 2)
    assert grid_shape(3) == (3, 1)
    assert grid_shape(7) == (4, 2)
    assert grid_shape(1) == (1, 1)


@pytest.mark.parametrize(("count", "cols", "rows"), [(10, 5, 2), (3, 3, 1)])
def test_sheet_dimensions(count: int, cols: int, rows: int) -> None:
    sheet = Image.open(io.BytesIO(contact_sheet_png(_items(count))))
    assert sheet.format == "PNG"
    gap, cell = 16, 360
    assert sheet.width == cols * cell + (cols + 1) * gap
    assert sheet.width <= 2000
    cell_h = cell * 16 // 9  # 9:16 proofs
    assert rows * cell_h < sheet.height < rows * (cell_h + 160) + 120


def test_wide_cells_are_capped_to_2000px() -> None:
    sheet = Image.open(io.BytesIO(contact_sheet_png(_items(10), cell_width=600)))
    assert sheet.width <= 2000


def test_empty_sheet_is_rejected() -> None:
    with pytest.raises(ValueError):
        contact_sheet_png([])
