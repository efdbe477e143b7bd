"""What a company's chain costs at most, stage by stage, before anything is spent.

Pure arithmetic over the price table: calls per stage (fixed by the product: 1 persona call,
1 angle plan, 4 batches per persona, packs of 25 scores (+ 2 anchors), packs of 25 compliance checks, a brief per winner,
3 images per winner, a video per approved top-N winner) times a per-call token ceiling, plus a retry allowance. The token
ceilings are measured replies (see docs/operations.md "Estimate") rounded up by about a third,
so a fault-free run costs between half the estimate and the estimate.

Retry allowance: 429s, 5xx and timeouts are not billed; re-prompts (invalid JSON, truncation,
safety) are. Each stage is allowed `max_attempts - 1` extra paid calls at its per-call ceiling.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from creative_pipeline.domain.brief import IMAGE_VARIANTS
from creative_pipeline.resources.gemini.content import BRIEF_PACK
from creative_pipeline.resources.gemini.spend.ceilings import IMAGE_TOKENS
from creative_pipeline.resources.gemini.spend.pricing import estimate_cost, image_cost, video_cost
from creative_pipeline.settings import DEFAULTS

SYSTEM_TOKENS = 160
CONTEXT_TOKENS_CAP = 1400  # the context block: a JSON summary + the first 4000 characters of the site


class EstimateInputs(BaseModel):
    context_chars: int = 4000
    personas: int = 5
    batches_per_persona: int = 4
    scripts_per_batch: int = 5
    score_pack: int = 25  # + 2 anchor scripts per pack (assets/score_packs.py)
    compliance_pack: int = 25
    brief_pack: int = BRIEF_PACK
    winners: int = DEFAULTS.winners_count
    image_variants: int = IMAGE_VARIANTS
    video_seconds: list[int] = Field(default_factory=list)  # one entry per video that would render
    models: dict[str, list[str]]  # kind -> [primary, *fallbacks]; the dearest prices the stage
    max_attempts: int = DEFAULTS.gemini_max_attempts
    image_size: str = DEFAULTS.gemini_image_size


class StageEstimate(BaseModel):
    usd: float
    calls: int
    model: str
    basis: str


class Estimate(BaseModel):
    total_usd: float
    stages: dict[str, StageEstimate]


def _dearest(models: list[str], **usage: float) -> tuple[str, float]:
    priced = [(m, estimate_cost(m, **usage)) for m in models]  # type: ignore[arg-type]
    return max(priced, key=lambda p: p[1])


def _stage(calls: int, extra: int, models: list[str], basis: str, **per_call: float) -> StageEstimate:
    model, each = _dearest(models, **per_call)
    return StageEstimate(usd=round(each * (calls + extra), 4), calls=calls, model=model,
                         basis=f"{basis}; + {extra} paid retries" if extra else basis)


def estimate_chain(i: EstimateInputs) -> Estimate:
    """The ceiling per stage (keyed by asset name) and in total."""
    text, image, video = i.models["text"], i.models["image"], i.models["video"]
    extra = max(i.max_attempts - 1, 0)
    context = min(CONTEXT_TOKENS_CAP, i.context_chars // 3 + 200)
    batches = i.personas * i.batches_per_persona
    scripts = batches * i.scripts_per_batch
    packs = math.ceil(scripts / i.score_pack)
    stages = {
        "personas": _stage(1, extra, text, "1 call: 5 personas and up to 12 proof points from the site",
                           tokens_in=SYSTEM_TOKENS + context + 400, tokens_out=2300),
        # 1 angle-plan call + the batches; a batch of timed scripts (hook + 2 alternatives, beats,
        # Meta fields) is about 5 x 450 output tokens, the plan far less: both priced at the batch ceiling
        "ad_scripts": _stage(batches + 1, extra, text,
                             f"1 angle plan + {batches} batches of {i.scripts_per_batch} timed scripts",
                             tokens_in=SYSTEM_TOKENS + context + 900, tokens_out=3000),
        # the rubric with its written anchors and 6 example patterns ~1900 tokens; a whole timed script ~250;
        # an item (rationale + 7 sub-scores) ~170 out
        "script_scores": _stage(packs, extra, text, f"{packs} packs of {i.score_pack} scripts + 2 anchors",
                                tokens_in=SYSTEM_TOKENS + 1900 + (i.score_pack + 2) * 250,
                                tokens_out=(i.score_pack + 2) * 170),
        "script_compliance": _stage(math.ceil(scripts / i.compliance_pack), extra, text,
                                    f"{math.ceil(scripts / i.compliance_pack)} packs of {i.compliance_pack} scripts",
                                    tokens_in=SYSTEM_TOKENS + 500 + i.compliance_pack * 120,
                                    tokens_out=i.compliance_pack * 140),
        "creative_briefs": _stage(math.ceil(i.winners / i.brief_pack), extra, text,
                                  f"{math.ceil(i.winners / i.brief_pack)} packs of up to {i.brief_pack} winners",
                                  tokens_in=SYSTEM_TOKENS + 300 + i.brief_pack * 400, tokens_out=i.brief_pack * 1100),
    }
    image_model, per_image = max(((m, max(image_cost(m, i.image_size, 400 + IMAGE_TOKENS), estimate_cost(
        m, tokens_in=400 + IMAGE_TOKENS, tokens_out=IMAGE_TOKENS))) for m in image), key=lambda p: p[1])
    images = i.winners * i.image_variants
    stages["ad_images"] = StageEstimate(
        usd=round(per_image * (images + extra), 4), calls=images, model=image_model,
        basis=f"{i.image_variants} images per winner ({i.winners}) at {i.image_size}; + {extra} paid retries")
    video_model, per_second = max(((m, max(video_cost(m, 1, "720p"), video_cost(m, 1, "1080p"))) for m in video),
                                  key=lambda p: p[1])
    stages["ad_videos"] = StageEstimate(
        usd=round(per_second * sum(i.video_seconds), 4), calls=len(i.video_seconds), model=video_model,
        basis=f"{len(i.video_seconds)} renders, {sum(i.video_seconds)} s in all (a render accepted is billed once)",
    )
    return Estimate(total_usd=round(sum(s.usd for s in stages.values()), 4), stages=stages)
