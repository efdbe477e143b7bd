"""List prices per model, each with the date it was read and its source, and the functions
that turn usage into dollars.

Stable API (used by the ledger, the estimate and the budget — keep these names):
- `text_cost(model, tokens_in, tokens_out)` — tokens in/out (thinking tokens count as output);
- `image_cost(model, size="1K", tokens_in=0)` — one generated image of `size` (1K/2K/4K);
- `video_cost(model, seconds, resolution="720p")` — seconds of video at a resolution;
- `estimate_cost(model, tokens_in=, tokens_out=, video_seconds=, resolution=)` — the sum;
- `price_for(model)` / `require_prices(models)` — look-up, and the startup refusal of models
  without a price (no silent $0), unless the operator prices them in `GEMINI_PRICE_OVERRIDES`.
Estimates for the ledger and the UI, not an invoice: the provider's billing is the truth.
"""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, Field

from creative_pipeline.resources.gemini.models.catalog import bare

PRICING_PAGE = "https://ai.google.dev/gemini-api/docs/pricing"


class Price(BaseModel):
    """USD list price of one model. Images: output tokens per image by size (billed at
    `output_per_million`); video: dollars per second by resolution."""

    input_per_million: float = 0.0
    output_per_million: float = 0.0
    image_tokens: dict[str, int] = Field(default_factory=dict)
    video_per_second: dict[str, float] = Field(default_factory=dict)
    until: dt.date | None = None  # last day this price applies (promotional prices)
    checked: str = "2026-11-30"
    source: str = PRICING_PAGE


class UnpricedModelError(ValueError):
    """A configured model has no list price: refused at startup instead of booked at $0."""


_VEO_STD = {"720p": 0.40, "1080p": 0.40, "4k": 0.60}
PRICES: dict[str, list[Price]] = {
    "gemini-3.8-flash": [
        Price(input_per_million=0.75, output_per_million=3.75, until=dt.date(2026, 12, 31),
              source=PRICING_PAGE + " (transcribed 2026-10-07 in api-evangelist/deepmind plans; launch price)"),
        Price(input_per_million=1.50, output_per_million=7.50,
              source=PRICING_PAGE + " (\"$1.50 / $7.50 starting January 1, 2027\")"),
    ],
    "gemini-3.5-flash-lite": [Price(input_per_million=0.30, output_per_million=2.50,
                                    source=PRICING_PAGE + " (transcribed 2026-10-07)")],
    "gemini-3.5-flash": [Price(input_per_million=1.50, output_per_million=9.00,
                               source=PRICING_PAGE + " (transcribed 2026-10-07)")],
    # Nano Banana 2.1: $30 / 1M image output tokens, $1.50 / $7.50 text; 1K image = 1120 tokens
    # ($0.0336, LiteLLM day-0 note #44983). 2K/4K token counts follow Google's 3.x image table
    # (1680 / 2520) — derived, to be re-checked on the pricing page.
    "gemini-nano-banana-2.1": [Price(input_per_million=1.50, output_per_million=30.0,
                                     image_tokens={"1K": 1120, "2K": 1680, "4K": 2520},
                                     source="github.com/BerriAI/litellm/discussions/44983; " + PRICING_PAGE)],
    "gemini-3-pro-image": [Price(input_per_million=2.00, output_per_million=120.0,
                                 image_tokens={"1K": 1120, "2K": 1120, "4K": 2000},
                                 source=PRICING_PAGE + " (image output $120 / 1M tokens, transcribed 2026-10-07)")],
    # Omni 1.1 Flash video, per second of output by resolution (third-party price list; Google's
    # row was not in the corpus on 2026-11-30): 360p 0.039, 720p 0.13, 1080p 0.195, 4K 0.39.
    "gemini-omni-1.1-flash": [Price(input_per_million=1.50, output_per_million=9.00,
                                    video_per_second={"360p": 0.039, "720p": 0.13, "1080p": 0.195, "4k": 0.39},
                                    source="muapi.ai/playground/gemini-omni-text-to-video (per-second list); "
                                           "getmaxim.ai model page (tokens)")],
    # Omni 1.2 Flash (checked 2026-12-04): no Google page for it was in the search corpus. Per second of
    # output, from muapi.ai/gemini-omni-1.2-flash: 360p 0.023, 720p 0.07, 1080p 0.105, 4K 0.21;
    # docs.laozhang.ai (2026-11-11) puts Google's list price for a 10 s 720p clip at ~$0.70, the same
    # $0.07/s. Tokens as 1.1 (Vercel AI Gateway's model page: $1.50 / $9 per 1M).
    "gemini-omni-1.2-flash": [Price(input_per_million=1.50, output_per_million=9.00, checked="2026-12-04",
                                    video_per_second={"360p": 0.023, "720p": 0.07, "1080p": 0.105, "4k": 0.21},
                                    source="muapi.ai/gemini-omni-1.2-flash (per-second list); docs.laozhang.ai "
                                           "gemini-omni-video-generation; vercel.com/ai-gateway (tokens)")],
    # Veo on Vertex AI (second backend): Veo 3.1 Standard $0.40/s 720p/1080p, $0.60/s 4K.
    "veo-3.1-generate-001": [Price(video_per_second=_VEO_STD, source=PRICING_PAGE + " (transcribed 2026-10-07)")],
    "veo-3.1-fast-generate-001": [Price(video_per_second={"720p": 0.15, "1080p": 0.15, "4k": 0.35},
                                        checked="2026-11-24", source=PRICING_PAGE + " (Veo 3.1 Fast)")],
    # Retired ids keep a price so old ledger rows and tests of the retirement path still cost right.
    "gemini-2.5-flash": [Price(input_per_million=0.30, output_per_million=2.50, checked="2026-11-24")],
    "gemini-2.5-flash-lite": [Price(input_per_million=0.10, output_per_million=0.40, checked="2026-11-24")],
    "gemini-2.5-flash-image": [Price(input_per_million=0.30, output_per_million=30.0,
                                     image_tokens={"1K": 1290, "2K": 1290, "4K": 1290}, checked="2026-11-24")],
    "veo-3.1-fast-generate-preview": [Price(video_per_second={"720p": 0.15, "1080p": 0.15}, checked="2026-11-24")],
    "veo-3.1-generate-preview": [Price(video_per_second=_VEO_STD, checked="2026-11-24")],
}

_overrides: dict[str, Price] = {}


def set_overrides(raw: str | dict | None) -> None:
    """Operator prices (`GEMINI_PRICE_OVERRIDES`, JSON `{"model": {"input_per_million": ...}}`):
    they win over the table, so a new model can be used the day it ships."""
    data = json.loads(raw) if isinstance(raw, str) and raw.strip() else (raw or {})
    _overrides.clear()
    _overrides.update({bare(k): Price.model_validate({"source": "GEMINI_PRICE_OVERRIDES", **v})
                       for k, v in dict(data).items()})


def price_for(model: str, on: dt.date | None = None) -> Price | None:
    name = bare(model)
    if name in _overrides:
        return _overrides[name]
    day = on or dt.date.today()
    for price in PRICES.get(name, []):
        if price.until is None or day <= price.until:
            return price
    return None


def require_prices(models: dict[str, str]) -> None:
    """Refuse (at startup) any configured model the table cannot price: `{setting: model}`."""
    missing = [f"{setting}={model}" for setting, model in models.items() if model and price_for(model) is None]
    if missing:
        raise UnpricedModelError(
            f"no list price for {', '.join(missing)} in the price table "
            "(creative_pipeline/resources/gemini/spend/pricing.py): add it there, or set its price with "
            'GEMINI_PRICE_OVERRIDES=\'{"<model>": {"input_per_million": .., "output_per_million": .., '
            '"video_per_second": {"720p": ..}}}\''
        )


def _price(model: str) -> Price:
    return price_for(model) or Price()  # unknown models were refused at startup; tolerate old ledger ids


def text_cost(model: str, tokens_in: int = 0, tokens_out: int = 0) -> float:
    p = _price(model)
    return round(tokens_in * p.input_per_million / 1e6 + tokens_out * p.output_per_million / 1e6, 6)


def image_cost(model: str, size: str = "1K", tokens_in: int = 0) -> float:
    """One generated image of `size` plus its prompt tokens."""
    p = _price(model)
    tokens = p.image_tokens.get(size.upper(), max(p.image_tokens.values(), default=0))
    return round(tokens * p.output_per_million / 1e6 + tokens_in * p.input_per_million / 1e6, 6)


def video_cost(model: str, seconds: float, resolution: str = "720p") -> float:
    rates = _price(model).video_per_second
    rate = rates.get(resolution.lower(), max(rates.values(), default=0.0))
    return round(seconds * rate, 6)


def estimate_cost(model: str, *, tokens_in: int = 0, tokens_out: int = 0, video_seconds: float = 0.0,
                  resolution: str = "720p") -> float:
    return round(text_cost(model, tokens_in, tokens_out) + video_cost(model, video_seconds, resolution), 6)
