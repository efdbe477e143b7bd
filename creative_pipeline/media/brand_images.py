"""Checks a brand image must pass before it is kept, and the colours read out of one.

Bytes from a website or a user's file are untrusted. An image is kept only when every check
holds, in order of cost:
- size: at most `MAX_IMAGE_BYTES` (10 MB; the fetcher stops reading past it);
- magic bytes: JPEG, PNG or WebP by the file's own signature — an HTML page named `.jpg`, or
  served as image/jpeg, is refused — and a declared type that disagrees with them is refused;
- dimensions from the header, before decoding: at most `MAX_PIXELS` (a decompression bomb — a
  small file that decodes to gigabytes — is refused without allocating it) and sane sides;
- a full decode by Pillow (truncated or corrupt data is refused).
"""

from __future__ import annotations

import io
import warnings
from typing import Literal

from PIL import Image
from pydantic import BaseModel

from creative_pipeline.domain.brand import BrandAssetKind

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # ~ 7700 x 5200; Pillow's own bomb guard starts warning at 89 MP
MAX_SIDE = 12_000
MIN_SIDE = {"product": 200, "other": 200, "logo": 32}
MAX_ASPECT = 8.0  # wider than 8:1 is a spacer or a banner strip, not a product or a logo
ImageType = Literal["image/jpeg", "image/png", "image/webp"]
_PIL_FORMATS: dict[str, ImageType] = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class ImageRefused(ValueError):
    """Why an image is not kept: a sentence a marketer can read."""


class CheckedImage(BaseModel):
    """An image that passed every check, with what we learnt about it."""

    data: bytes
    content_type: ImageType
    width: int
    height: int


def sniff_type(data: bytes) -> ImageType | None:
    """The image type by signature (JPEG FF D8 FF, PNG's 8-byte header, RIFF....WEBP), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_image(data: bytes, declared_type: str | None = None, kind: BrandAssetKind = "product",
                name: str = "the image") -> CheckedImage:
    """`data` as a CheckedImage, or ImageRefused saying which check failed."""
    if not data:
        raise ImageRefused(f"{name} is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(f"{name} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    sniffed = sniff_type(data)
    if sniffed is None:
        start = data[:15].lstrip().lower()
        what = "an HTML page" if start.startswith((b"<!doctype", b"<html", b"<")) else "not a JPEG, PNG or WebP file"
        raise ImageRefused(f"{name} is {what} (its bytes are not an image's)")
    declared = (declared_type or "").split(";", 1)[0].strip().lower()
    if declared and declared != sniffed and not (declared == "image/jpg" and sniffed == "image/jpeg"):
        raise ImageRefused(f"{name} is declared {declared} but its bytes are {sniffed}")
    width, height = _header_size(data, name)
    low = MIN_SIDE[kind]
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise ImageRefused(f"{name} is {width}x{height} pixels: too large to decode safely")
    if min(width, height) < low:
        raise ImageRefused(f"{name} is {width}x{height} pixels: a {kind} image needs at least {low} px a side")
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise ImageRefused(f"{name} is {width}x{height} pixels: too narrow to be a {kind} image")
    _decode(data, name)
    return CheckedImage(data=data, content_type=sniffed, width=width, height=height)


def _header_size(data: bytes, name: str) -> tuple[int, int]:
    """Width and height from the header only (Image.open does not decode pixels)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format not in _PIL_FORMATS:
                    raise ImageRefused(f"{name} is a {img.format} image, not JPEG, PNG or WebP")
                return img.size
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRefused(f"{name} would decode to too many pixels (a decompression bomb)") from exc
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for bad input
        raise ImageRefused(f"{name} could not be read as an image ({type(exc).__name__})") from exc


def _decode(data: bytes, name: str) -> None:
    """Decode every pixel once: truncated or corrupt data fails here, not in a later stage."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                img.load()
    except Exception as exc:  # noqa: BLE001
        raise ImageRefused(f"{name} could not be decoded ({type(exc).__name__}: {exc})") from exc


def palette_colors(data: bytes, count: int = 4) -> list[str]:
    """The image's main colours as #RRGGBB, most used first: Pillow's median-cut quantisation
    on a small copy. Transparent pixels (a logo's background) and near-white / near-black ones
    (backgrounds and text, not brand) are left out when anything else remains, and so are colours
    under 3 % of the pixels (anti-aliased edges)."""
    with Image.open(io.BytesIO(data)) as img:
        img.thumbnail((128, 128))
        rgba = img.convert("RGBA")
    pixels = [p[:3] for p in rgba.getdata() if p[3] >= 128]
    if not pixels:
        return []
    solid = Image.new("RGB", (len(pixels), 1))
    solid.putdata(pixels)
    quantised = solid.quantize(colors=max(count * 2, 8), method=Image.Quantize.MEDIANCUT)
    palette = quantised.getpalette() or []
    ranked = sorted(quantised.getcolors() or [], reverse=True)
    floor = len(pixels) * 0.03  # under 3 % of the image is an edge blend or a speck, not a brand colour
    colours = [tuple(palette[i * 3:i * 3 + 3]) for n, i in ranked if n >= floor] or [tuple(palette[:3])]
    vivid = [c for c in colours if 24 < sum(c) / 3 < 235] or colours
    distinct: list[tuple[int, ...]] = []
    for colour in vivid:  # anti-aliased edges quantise to near-copies of a colour: keep one
        if all(sum((a - b) ** 2 for a, b in zip(colour, kept)) > 50 ** 2 for kept in distinct):
            distinct.append(colour)
    return ["#{:02X}{:02X}{:02X}".format(*c) for c in distinct[:count]]
