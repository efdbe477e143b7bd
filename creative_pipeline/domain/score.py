"""Script scores: the LLM's judgement, the final formula and ranking inputs."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, create_model

from creative_pipeline.domain.lenient import first, items, text


class ScoreItem(BaseModel):
    ref: str = Field(description="The script's reference exactly as given, e.g. 'S3'.")
    llm_score: int = Field(ge=0, le=100, description="Predicted ad performance, 0-100.")
    viral_score: int = Field(ge=0, le=100, description="Likeness to the viral examples, 0-100.")
    rationale: text(400)


class ScoreWeights(BaseModel):
    """The formula's weights. No defaults here: they are configuration (SCORE_WEIGHT_*, written
    once in settings.py) and reach the formula through the `scoring` resource's `weights()`."""

    llm: float = Field(ge=0)
    trend: float = Field(ge=0)
    viral: float = Field(ge=0)
    performance_prior: float = Field(default=0.0, ge=0, le=1)  # 0 = no prior: the formula without it


def score_batch_model(count: int) -> type[BaseModel]:
    """A response schema asking for exactly `count` items, so the reply maps onto our scripts
    by position even when a model (or a schema-driven server) does not echo the refs; a short
    reply is accepted and its missing scripts are asked for again."""
    return create_model(
        f"ScoreBatch{count}",
        scores=(Annotated[list[ScoreItem], first(count)], Field(**items(count))),
    )
