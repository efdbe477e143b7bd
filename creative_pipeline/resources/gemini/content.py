"""The content interface every provider implements (live Gemini or offline), and its inputs.

Assets depend on this interface only: the shape of `project_fully_featured`'s live vs
snapshot resources. Methods are async so a step can run independent calls concurrently.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from creative_pipeline.compliance.llm import CopyForCheck, ModelCheck
from creative_pipeline.domain.abcd import AbcdTags
from creative_pipeline.domain.brand import BrandKit, BrandReferences
from creative_pipeline.domain.brief import ImageBrief, VideoBrief
from creative_pipeline.domain.brief_draft import BriefDraft, BriefPackItem
from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.domain.persona import PersonaDraft, PersonaSet
from creative_pipeline.domain.ad_pattern import ViralExample
from creative_pipeline.domain.angle_plan import AnglePlan, PlannedAngle
from creative_pipeline.domain.score import ScoreItem, ScriptForScoring
from creative_pipeline.domain.timed_script import TimedScriptBatch
from creative_pipeline.domain.vocabulary import Angle
from creative_pipeline.resources.gemini.results import Generated, MediaResult
from creative_pipeline.resources.gemini.video.render_store import RenderStore


__all__ = ["CompanyBrief", "ContentGenerator", "ScriptForScoring", "ViralExample", "WinnerForBrief", "BRIEF_PACK", "brief_ref"]


class CompanyBrief(BaseModel):
    """What every prompt needs to know about the company."""

    slug: str
    name: str
    uvp: str
    context: CompanyContext
    brand_kit: BrandKit | None = None  # colours, typeface, tone of voice (read from the site or set by the user)

    def brand_colors(self) -> list[str]:
        """The kit's colours when there is a kit with colours, else the page's CSS colours."""
        return list(self.brand_kit.colors) if self.brand_kit and self.brand_kit.colors else list(self.context.brand_colors)


class WinnerForBrief(BaseModel):
    script_id: str
    rank: int
    persona: PersonaDraft
    headline: str
    hook: str
    body: str
    cta: str
    abcd: AbcdTags


#: winners per packed brief call: 10 winners in 3 calls (4 + 4 + 2); a brief is ~1.1 k output
#: tokens, so a pack of 4 stays far inside the text model's output limit.
BRIEF_PACK = 4


def brief_ref(winner: WinnerForBrief) -> str:
    """The reference a packed brief call names a winner by, and the reply echoes."""
    return f"W{winner.rank}"


class ContentGenerator(Protocol):
    provider: str
    text_model: str
    image_model: str
    video_model: str

    async def personas(self, company: CompanyBrief) -> Generated[PersonaSet]: ...

    async def angle_plan(
        self, company: CompanyBrief, personas: list[PersonaDraft], allowed: list[Angle]
    ) -> Generated[AnglePlan]:
        """One call: the company's angles (each with a messenger and a video format), chosen
        among `allowed` (the angles the page can support)."""
        ...

    async def script_batch(
        self, company: CompanyBrief, persona: PersonaDraft, angle: PlannedAngle, batch_index: int,
        notes: list[str] | None = None,
    ) -> Generated[TimedScriptBatch]:
        """5 timed scripts for one persona and one angle; `notes` say what a previous reply got
        wrong (claims not on the page, the brand shown too late) when the batch is asked again."""
        ...

    async def score_scripts(
        self, company: CompanyBrief, scripts: list[ScriptForScoring], examples: list[ViralExample]
    ) -> Generated[list[ScoreItem]]: ...

    async def check_compliance(self, company: CompanyBrief, items: list[CopyForCheck]) -> Generated[list[ModelCheck]]:
        """One packed ad-policy check of many pieces of copy (what the rules layer cannot see).
        May return fewer items than asked (the caller re-asks the missing ones)."""
        ...

    async def briefs(self, company: CompanyBrief, winners: list[WinnerForBrief]) -> Generated[list[BriefPackItem]]:
        """Briefs for several winners in one call, each with its winner's `brief_ref`. May return
        fewer items than asked (the caller re-asks the missing ones)."""
        ...

    async def brief(self, company: CompanyBrief, winner: WinnerForBrief) -> Generated[BriefDraft]: ...

    async def revise_brief(
        self, company: CompanyBrief, winner: WinnerForBrief, current: BriefDraft, feedback: str | None
    ) -> Generated[BriefDraft]: ...

    async def image(
        self, brief: ImageBrief, creative_name: str, variant: int, primary: bytes | None,
        references: BrandReferences | None = None,
    ) -> MediaResult:
        """Variant 1 with `references` (the brand's product photo, and its logo where the brief
        calls for it) as reference images; later variants as edits of `primary`."""
        ...

    async def video(
        self, brief: VideoBrief, creative_name: str, frames: list[bytes], renders: RenderStore | None = None,
        force: bool = False,
    ) -> MediaResult:
        """`renders` keeps accepted render ids durable (live providers); `force` pays for a new one."""
        ...
