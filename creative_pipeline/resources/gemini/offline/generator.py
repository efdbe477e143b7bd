"""The `offline` provider: deterministic content built from the company context.

It exists so the whole pipeline runs on a fresh machine without an API key. Nothing here is AI
output and nothing pretends to be: every row it produces says `provider=offline`, images are
layout proofs with an "OFFLINE PROOF" banner, videos are slideshows of those proofs. Output is
a pure function of the inputs (seeded by company slug and item), so re-runs are identical.
"""

from __future__ import annotations

import re

from creative_pipeline.compliance.llm import NOT_CHECKED_OFFLINE, CopyForCheck, ModelCheck
from creative_pipeline.domain.abcd import Format
from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.domain.brief import ImageBrief, VideoAudio, VideoBrief, VideoShot
from creative_pipeline.domain.brief_draft import BriefDraft, BriefPackItem
from creative_pipeline.domain.persona import PersonaDraft, PersonaSet
from creative_pipeline.domain.score import ScoreItem
from creative_pipeline.domain.angle_plan import AnglePlan, PlannedAngle
from creative_pipeline.domain.timed_script import TimedScriptBatch
from creative_pipeline.domain.vocabulary import Angle
from creative_pipeline.resources.gemini.content import (
    CompanyBrief, ScriptForScoring, ViralExample, WinnerForBrief, brief_ref,
)
from creative_pipeline.resources.gemini.offline import timed_scripts
from creative_pipeline.resources.gemini.offline.copy_banks import ARCHETYPES
from creative_pipeline.resources.gemini.offline.scoring import rubric_item
from creative_pipeline.resources.gemini.offline.seeds import rng, topic
from creative_pipeline.resources.gemini.results import Generated, MediaResult
from creative_pipeline.resources.gemini.spend.ledger import CallUsage, UsageLedger

OFFLINE_MODEL = "offline-deterministic-v1"
DEFAULT_PALETTE = ["#1F3A5F", "#F2A541", "#FFFFFF"]
COMPOSITIONS = ["subject left, text right", "subject centre, text top", "product bottom, text top",
                "split screen, text band in the middle"]


_rng, _topic = rng, topic


class OfflineContentGenerator:
    provider = "offline"
    text_model = image_model = video_model = OFFLINE_MODEL

    def __init__(self, ledger: UsageLedger | None = None) -> None:
        self.ledger = ledger

    def _done(self, value: object, kind: str = "text") -> Generated:
        """Record the stand-in call (cost 0, provider offline) so the ledger shows what ran."""
        if self.ledger is not None:
            self.ledger.record(CallUsage(step=self.ledger.step, provider="offline", model=OFFLINE_MODEL, kind=kind))
        return Generated(value=value, provider="offline", model=OFFLINE_MODEL)

    async def personas(self, company: CompanyBrief) -> Generated[PersonaSet]:
        rng = _rng(company.slug, "personas")
        picks = rng.sample(ARCHETYPES, 5)
        cues = company.context.audience_cues or [f"people who want {_topic(company)}"]
        personas = [
            PersonaDraft(
                name=f"{first} the {archetype.split()[-1].title()}",
                archetype=archetype,
                age_range=ages,
                description=f"{archetype.capitalize()} ({ages}) drawn to {company.name} because: {company.uvp[:200]}",
                pains=[pain, f"unsure {company.name} is worth it"],
                goals=[goal, f"get {_topic(company)} without the hassle"],
                objections=["price", "has been burned by similar offers"],
                channels=channels,
            )
            for (first, archetype, ages, pain, goal, channels) in picks
        ]
        personas[0].description += f" Audience cue from the site: {cues[0][:120]}"
        return self._done(PersonaSet(personas=personas))

    async def angle_plan(
        self, company: CompanyBrief, personas: list[PersonaDraft], allowed: list[Angle]
    ) -> Generated[AnglePlan]:
        return self._done(timed_scripts.angle_plan(company, allowed))

    async def script_batch(
        self, company: CompanyBrief, persona: PersonaDraft, angle: PlannedAngle, batch_index: int,
        notes: list[str] | None = None,
    ) -> Generated[TimedScriptBatch]:
        return self._done(timed_scripts.script_batch(company, persona, angle, batch_index))

    async def score_scripts(
        self, company: CompanyBrief, scripts: list[ScriptForScoring], examples: list[ViralExample]
    ) -> Generated[list[ScoreItem]]:
        """The rubric as a transparent heuristic, labelled offline (see offline/scoring.py)."""
        quotes = [p.quote for p in getattr(company.context, "proof_points", [])]
        return self._done([rubric_item(s, company.uvp, company.name, quotes, examples) for s in scripts])

    async def check_compliance(self, company: CompanyBrief, items: list[CopyForCheck]) -> Generated[list[ModelCheck]]:
        """No model offline: every item is reported as not checked, never as passed; the rules
        layer's verdict stands alone."""
        return self._done([ModelCheck(ref=i.ref, status="not_checked", note=NOT_CHECKED_OFFLINE) for i in items])

    async def briefs(self, company: CompanyBrief, winners: list[WinnerForBrief]) -> Generated[list[BriefPackItem]]:
        """The packed call offline: each winner's brief as `brief` makes it, with its ref."""
        return self._done([BriefPackItem(ref=brief_ref(w), **self._brief(company, w, variant_seed="").model_dump())
                           for w in winners])

    async def brief(self, company: CompanyBrief, winner: WinnerForBrief) -> Generated[BriefDraft]:
        return self._done(self._brief(company, winner, variant_seed=""))

    async def revise_brief(
        self, company: CompanyBrief, winner: WinnerForBrief, current: BriefDraft, feedback: str | None
    ) -> Generated[BriefDraft]:
        revised = self._brief(company, winner, variant_seed=feedback or f"reroll:{current.image.composition}")
        if feedback:
            revised.image.subheadline = f"Revised: {feedback[:120]}"
        else:  # RED: a re-roll must be a visibly different take, never the same layout again
            others = [c for c in COMPOSITIONS if c != current.image.composition]
            revised.image.composition = _rng(winner.script_id, current.image.composition).choice(others)
            revised.image.style = f"{winner.abcd.format.value.lower()} ad, re-rolled offline layout proof"
        return self._done(revised)

    def _brief(self, company: CompanyBrief, winner: WinnerForBrief, variant_seed: str) -> BriefDraft:
        rng = _rng(company.slug, winner.script_id, variant_seed)
        palette = list(dict.fromkeys(company.brand_colors() + DEFAULT_PALETTE))[:3]
        tags = winner.abcd
        scene = f"{tags.scene_subject.value.lower()} in a {tags.scene_setting.value.lower()} setting"
        image = ImageBrief(
            headline=winner.headline[:90],
            subheadline=winner.hook[:140],
            cta=winner.cta[:40],
            visual_description=f"{scene}; {tags.action.value.lower()} moment conveying {tags.driver.value.lower()}.",
            composition=rng.choice(COMPOSITIONS),
            palette=palette,
            aspect_ratio="1:1" if tags.format == Format.CAROUSEL else "9:16",
            style=f"{tags.format.value.lower()} ad, offline layout proof",
            variations=["closer crop on the subject", f"same message, {rng.choice(['evening', 'outdoor', 'minimal'])} mood"],
        )
        video = VideoBrief(
            concept=f"{winner.hook} — {tags.action.value.lower()} of {company.name}, ending on the CTA.",
            shots=[
                VideoShot(description=f"Hook: {scene}", on_screen_text=winner.hook[:90], start_s=0, end_s=2.5),
                VideoShot(description=f"{tags.action.value.title()}: the product in use", on_screen_text=winner.headline[:90],
                          start_s=2.5, end_s=6),
                VideoShot(description="The product held up to camera, room left for the end card",
                          on_screen_text=winner.cta[:90], start_s=6, end_s=8),
            ],
            voiceover=winner.hook[:400],
            cta=winner.cta[:40],
            aspect_ratio="9:16",
            duration_seconds=8,
            camera=rng.choice(["slow push-in, handheld", "locked-off close-up, then a gentle pan", "orbit around the product"]),
            lighting=rng.choice(["soft morning window light", "warm evening practicals", "bright even studio light"]),
            audio=VideoAudio(dialogue=winner.hook[:300], speaker=f"{winner.persona.name}, on camera"[:120],
                             effects="product handled close to the mic", ambience="quiet room tone"),
        )
        return BriefDraft(image=image, video=video)

    async def image(self, brief: ImageBrief, creative_name: str, variant: int, primary: bytes | None,
                    references: BrandReferences | None = None) -> MediaResult:
        """A clean plate proof (the words are laid over later); with a brand product photo, that
        real photo is composed into its picture box (the offline stand-in for "generated with the
        product as a reference")."""
        from creative_pipeline.media.brand_compose import compose_product
        from creative_pipeline.media.plate_proof import PRODUCT_BOX, render_plate_proof

        data = render_plate_proof(brief, creative_name, variant)
        if references is not None and references.product is not None:
            data = compose_product(data, references.product, PRODUCT_BOX)
        self._done(None, "image")
        return MediaResult(data=data, content_type="image/png", provider="offline", model=OFFLINE_MODEL)

    async def video(self, brief: VideoBrief, creative_name: str, frames: list[bytes], renders: object = None,
                    force: bool = False) -> MediaResult:
        from creative_pipeline.media.video_assembly import render_offline_video

        data = render_offline_video(brief, frames, creative_name)
        self._done(None, "video")
        return MediaResult(data=data, content_type="video/mp4", provider="offline", model=OFFLINE_MODEL)
