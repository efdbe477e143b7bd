"""Ad scripts and the seed templates that shape each batch."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field

from creative_pipeline.domain.abcd import AbcdTags
from creative_pipeline.domain.lenient import first, items, text

SCRIPTS_PER_BATCH = 5


class ScriptDraft(BaseModel):
    headline: text(120)
    hook: text(300, description="The first 3 seconds.")
    body: text(1200)
    cta: text(60)
    keywords: Annotated[list[text(60)], first(5)] = Field(
        min_length=1, max_length=5, description="Search keywords, 1-3 words each."
    )
    abcd: AbcdTags


class ScriptBatch(BaseModel):
    scripts: Annotated[list[ScriptDraft], first(SCRIPTS_PER_BATCH)] = Field(**items(SCRIPTS_PER_BATCH))


class SeedTemplate(BaseModel):
    """One batch's creative angle: its own prompt template and temperature."""

    key: str
    title: str
    instructions: str
    temperature: float = Field(ge=0, le=2)


SEED_TEMPLATES: tuple[SeedTemplate, ...] = (
    SeedTemplate(
        key="problem_agitate_solve",
        title="Problem - agitate - solve",
        instructions="Open on the persona's sharpest pain, make it vivid, then resolve it with the offer.",
        temperature=0.7,
    ),
    SeedTemplate(
        key="testimonial_ugc",
        title="Testimonial / UGC",
        instructions="A real-sounding customer speaks to camera, phone-shot, specific and unpolished.",
        temperature=0.9,
    ),
    SeedTemplate(
        key="before_after",
        title="Before / after",
        instructions="Contrast life before and after the product with one concrete, visual change.",
        temperature=0.8,
    ),
    SeedTemplate(
        key="howto_listicle",
        title="How-to / listicle",
        instructions="Useful first: numbered tips or steps, each tied back to the product.",
        temperature=1.0,
    ),
)


class ScriptRow(BaseModel):
    """A stored script with its persona, batch and scores (the columns `load_scripts` and
    `load_winners` share), so callers read attributes rather than string keys. Scores are None
    until the script is scored."""

    id: UUID
    persona_id: UUID
    persona_name: str
    persona_archetype: str | None = None
    persona_data: dict[str, Any]
    batch_index: int
    template: str | None = None
    template_version: str | None = None
    temperature: float | None = None
    position: int
    headline: str
    hook: str
    body: str
    cta: str
    keywords: list[str] = Field(default_factory=list)
    scene_setting: str
    scene_subject: str
    action: str
    driver: str
    format: str
    provider: str | None = None
    model: str | None = None
    is_winner: bool = False
    winner_rank: int | None = None
    final: float | None = None
    llm: float | None = None
    trend: float | None = None
    viral: float | None = None

    @property
    def abcd(self) -> AbcdTags:
        return AbcdTags(scene_setting=self.scene_setting, scene_subject=self.scene_subject, action=self.action,
                        driver=self.driver, format=self.format)

    def abcd_codes(self) -> dict[str, str]:
        """The five tags as stored (no validation: a report shows what is there)."""
        return {"scene_setting": self.scene_setting, "scene_subject": self.scene_subject, "action": self.action,
                "driver": self.driver, "format": self.format}


class StoredScript(ScriptRow):
    """Any script of a company as stored (`repositories.scripts.load_scripts`), with its full score row."""

    trend_status: str | None = None
    performance_prior: float | None = None
    rationale: str | None = None


class WinnerRow(ScriptRow):
    """A winning script as stored (`repositories.scripts.load_winners`)."""

    winner_rank: int
    is_winner: bool = True
