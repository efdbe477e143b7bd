"""Estimated cost per call, from the public price list (USD, November 2026 list prices).

Estimates for the ledger and the UI, not an invoice: check the provider's billing for truth.
Unknown models cost 0 and say so in the ledger's model column.
"""

from __future__ import annotations

from pydantic import BaseModel


class Price(BaseModel):
    input_per_million: float = 0.0
    output_per_million: float = 0.0
    per_second_video: float = 0.0


PRICES: dict[str, Price] = {
    "gemini-2.5-flash": Price(input_per_million=0.30, output_per_million=2.50),
    "gemini-2.5-flash-lite": Price(input_per_million=0.10, output_per_million=0.40),
    "gemini-2.5-pro": Price(input_per_million=1.25, output_per_million=10.0),
    # images are billed as output tokens: 1290 tokens per 1024px image = $0.039
    "gemini-2.5-flash-image": Price(input_per_million=0.30, output_per_million=30.0),
    "veo-3.1-fast-generate-preview": Price(per_second_video=0.15),
    "veo-3.1-generate-preview": Price(per_second_video=0.40),
}


def estimate_cost(model: str, *, tokens_in: int = 0, tokens_out: int = 0, video_seconds: float = 0.0) -> float:
    price = PRICES.get(model.removeprefix("models/"), Price())
    return round(
        tokens_in * price.input_per_million / 1e6
        + tokens_out * price.output_per_million / 1e6
        + video_seconds * price.per_second_video,
        6,
    )
