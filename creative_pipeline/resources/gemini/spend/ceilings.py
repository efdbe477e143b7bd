"""The most one attempt can cost, known before it is sent: what the budget reserves.

A ceiling, not a guess: input tokens are counted generously from the request's characters
(about 4 characters a token in practice; 3 here) and every reference image at a full image's
tokens; output at the most the request allows (`max_output_tokens`, thinking included).
"""

from __future__ import annotations

from typing import Any

from google.genai import types

from creative_pipeline.resources.gemini.spend.pricing import estimate_cost, image_cost

IMAGE_TOKENS = 1290  # one 1024 px image, in or out (Google's published token count)
CHARS_PER_TOKEN_FLOOR = 3.0
DEFAULT_OUTPUT_CEILING = 8192


def _input_tokens(contents: Any) -> int:
    items = contents if isinstance(contents, list) else [contents]
    chars = images = 0
    for item in items:
        if isinstance(item, str):
            chars += len(item)
        elif isinstance(item, types.Part) and item.inline_data is not None:
            images += 1
        elif isinstance(item, types.Part) and item.text:
            chars += len(item.text)
    return int(chars / CHARS_PER_TOKEN_FLOOR) + images * IMAGE_TOKENS + 64


def call_ceiling_usd(model: str, kind: str, contents: Any, config: types.GenerateContentConfig | None) -> float:
    """Ceiling of one generate_content attempt of `kind` ("text" or "image")."""
    tokens_in = _input_tokens(contents)
    if config is not None and config.system_instruction:
        tokens_in += int(len(str(config.system_instruction)) / CHARS_PER_TOKEN_FLOOR)
    if kind == "image":
        size = (config.image_config.image_size if config is not None and config.image_config else None) or "1K"
        return max(image_cost(model, size, tokens_in), estimate_cost(model, tokens_in=tokens_in, tokens_out=IMAGE_TOKENS))
    tokens_out = (config.max_output_tokens if config and config.max_output_tokens else DEFAULT_OUTPUT_CEILING)
    thinking = config.thinking_config.thinking_budget if config and config.thinking_config else None
    tokens_out += DEFAULT_OUTPUT_CEILING if thinking is None else max(thinking, 0)
    return estimate_cost(model, tokens_in=tokens_in, tokens_out=tokens_out)
