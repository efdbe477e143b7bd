"""The live provider: prompts from prompts/, calls through the Gemini clients."""

from __future__ import annotations

import json

from creative_pipeline.compliance.llm import CopyForCheck, ModelCheck, from_model_item, verdict_batch_model
from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.domain.brief import ImageBrief, VideoBrief
from creative_pipeline.domain.brief_draft import BriefDraft, BriefPackItem, brief_pack_model
from creative_pipeline.domain.persona import PersonaDraft, PersonaSet
from creative_pipeline.domain.score import ScoreItem, score_batch_model
from creative_pipeline.domain.angle_plan import AnglePlan, PlannedAngle
from creative_pipeline.domain.timed_script import TimedScriptBatch
from creative_pipeline.domain.vocabulary import ANGLES, Angle, CtaButton
from creative_pipeline.prompts.ad_patterns import examples_for, infer_vertical_of
from creative_pipeline.prompts.renderer import literal, render, unescape, untrusted
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.content import (
    CompanyBrief, ScriptForScoring, ViralExample, WinnerForBrief, brief_ref,
)
from creative_pipeline.resources.gemini.errors import GenerationFailed
from creative_pipeline.resources.gemini.sdk.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.results import Generated, MediaResult
from creative_pipeline.resources.gemini.video.render_store import RenderStore


def _context_block(company: CompanyBrief) -> str:
    ctx = company.context
    summary: dict[str, object] = {
        "title": ctx.title,
        "description": ctx.description,
        "headings": ctx.headings[:12],
        "offer": ctx.offer,
        "audience_cues": ctx.audience_cues,
        "keywords": ctx.keywords,
    }
    if company.brand_kit is not None and company.brand_kit.tone:  # the brand's voice, each word with its sentence
        summary["brand_tone_of_voice"] = [{"word": t.word, "as_in": t.evidence} for t in company.brand_kit.tone]
    # fenced by the renderer (`context` is an untrusted placeholder), as is everything scraped
    return json.dumps(summary, ensure_ascii=False) + "\n" + ctx.main_text[:4000]


WRITING_PATTERNS = 4  # a few of the company's vertical: enough to show structure, few enough not to be copied


def _writing_patterns(company: CompanyBrief) -> list[dict[str, str]]:
    """The curated patterns of the company's vertical (issue 15 item 6), as structure to learn
    from. Our own data (prompts/ad_patterns.v1.yaml), so the renderer does not fence it; the same
    deterministic retrieval as the scorer's, so writer and scorer see the same patterns."""
    return [{"platform": p.platform, "hook": p.hook, "first_frame": p.first_frame, "structure": p.body,
             "why_it_works": p.why_it_worked} for p in examples_for(company, WRITING_PATTERNS)]


def _offer(company: CompanyBrief) -> str:
    return company.context.offer or literal("(none stated on the site: do not invent one)")


def _proof_points(company: CompanyBrief) -> str:
    """The page's proof points as quoted (read defensively: older contexts have none); fenced by
    the renderer (`proof_points` is an untrusted placeholder)."""
    points = [getattr(p, "quote", "") for p in getattr(company.context, "proof_points", None) or []]
    quotes = [p for p in points if p]
    return json.dumps(quotes, ensure_ascii=False) if quotes else literal("(none)")


class GeminiContentGenerator:
    provider = "gemini"

    def __init__(
        self, text: GeminiTextClient, media: GeminiMediaClient, *, text_model: str, image_model: str, video_model: str,
        cheap_text_model: str | None = None, cheap_for: tuple[str, ...] = (),
    ) -> None:
        self.text, self.media = text, media
        self.text_model, self.image_model, self.video_model = text_model, image_model, video_model
        self.cheap_text_model, self.cheap_for = cheap_text_model or text_model, cheap_for
        self.system = render("system").text

    def model_for(self, kind: str) -> str:
        """The cheap model for the call kinds GEMINI_CHEAP_TEXT_FOR names, the text model otherwise."""
        return self.cheap_text_model if kind in self.cheap_for else self.text_model

    async def personas(self, company: CompanyBrief) -> Generated[PersonaSet]:
        prompt = render("personas", company_name=company.name, uvp=company.uvp, context=_context_block(company))
        result = await self.text.structured(
            model=self.model_for("personas"), prompt=prompt.text, schema=PersonaSet, temperature=0.8, system=self.system
        )
        # the model read the page with < and > escaped: its quotes are compared with the page as is
        for proof in result.value.proof_points:
            proof.quote = unescape(proof.quote)
        return result

    async def angle_plan(
        self, company: CompanyBrief, personas: list[PersonaDraft], allowed: list[Angle]
    ) -> Generated[AnglePlan]:
        prompt = render(
            "angle_plan", allowed=", ".join(f"{a.value} ({ANGLES[a].title})" for a in allowed),
            company_name=company.name, uvp=company.uvp, offer=_offer(company), proof_points=_proof_points(company),
            personas=[p.model_dump(include={"name", "archetype", "pains", "objections"}) for p in personas],
            context=_context_block(company),
        )
        return await self.text.structured(
            model=self.model_for("scripts"), prompt=prompt.text, schema=AnglePlan, temperature=0.7, system=self.system
        )

    async def script_batch(
        self, company: CompanyBrief, persona: PersonaDraft, angle: PlannedAngle, batch_index: int,
        notes: list[str] | None = None,
    ) -> Generated[TimedScriptBatch]:
        spec = ANGLES[angle.angle]
        fix = literal("")
        if notes:  # our instruction, then the faults (quoting model copy) fenced as data
            fix = literal("\nA previous reply broke these rules; do not repeat them:\n"
                          + untrusted("generated", "\n".join(f"- {n}" for n in notes), 4000))
        prompt = render(
            "script_batch",
            angle_title=spec.title, angle_instructions=spec.instructions,
            angle_idea=untrusted("generated", angle.idea), messenger=untrusted("generated", angle.messenger),
            format=angle.format.value,
            company_name=company.name, uvp=company.uvp, offer=_offer(company), proof_points=_proof_points(company),
            persona=persona.model_dump(), context=_context_block(company),
            cta_buttons=", ".join(c.value for c in CtaButton), notes=fix,
            vertical=infer_vertical_of(company), patterns=_writing_patterns(company),
        )
        return await self.text.structured(
            model=self.model_for("scripts"), prompt=prompt.text, schema=TimedScriptBatch,
            temperature=spec.temperature, system=self.system,
        )

    async def score_scripts(
        self, company: CompanyBrief, scripts: list[ScriptForScoring], examples: list[ViralExample]
    ) -> Generated[list[ScoreItem]]:
        """One packed rubric call; the scripts (model output derived from the page) and the page's
        proof points are untrusted placeholders: the renderer fences them as data."""
        proof = [p.model_dump() for p in getattr(company.context, "proof_points", [])]
        prompt = render(
            "score_scripts",
            company_name=company.name,
            uvp=company.uvp,
            proof_points=proof or literal("(none stated on the page)"),
            vertical=infer_vertical_of(company),
            examples=[e.model_dump(include={"key", "platform", "hook", "first_frame", "body", "why_it_worked"})
                      for e in examples],
            scripts=[s.model_dump(exclude_defaults=True) for s in scripts],
        )
        schema = score_batch_model(len(scripts))
        result = await self.text.structured(
            model=self.model_for("scores"), prompt=prompt.text, schema=schema, temperature=0.2, system=self.system,
            call_kind="scoring",
        )
        return Generated[list[ScoreItem]](
            **result.model_dump(exclude={"value"}), value=list(result.value.scores)  # type: ignore[attr-defined]
        )

    async def check_compliance(self, company: CompanyBrief, items: list[CopyForCheck]) -> Generated[list[ModelCheck]]:
        prompt = render(
            "check_compliance", company_name=company.name,
            items=json.dumps([i.model_dump() for i in items], ensure_ascii=False, indent=1)[:60000],
        )
        result = await self.text.structured(
            model=self.text_model, prompt=prompt.text, schema=verdict_batch_model(len(items)), temperature=0.0,
            system=self.system,
        )
        checks = [from_model_item(v) for v in result.value.verdicts]  # type: ignore[attr-defined]
        return Generated[list[ModelCheck]](**result.model_dump(exclude={"value"}), value=checks)

    async def briefs(self, company: CompanyBrief, winners: list[WinnerForBrief]) -> Generated[list[BriefPackItem]]:
        """Briefs for several winners in one call (creative_brief.v3): each winner's script,
        persona and tags go in fenced, each brief comes back with the winner's ref (`W<rank>`).
        The reply may be short; the caller re-asks the winners it left out."""
        prompt = render(
            "creative_brief",
            company_name=company.name,
            uvp=company.uvp,
            brand_colors=", ".join(company.brand_colors()) or "(none found: choose a fitting palette)",
            winners=[{"ref": brief_ref(w), "abcd": w.abcd.codes(),
                      "persona": w.persona.model_dump(include={"name", "archetype", "description"}),
                      "script": w.model_dump(include={"headline", "hook", "body", "cta"})} for w in winners],
        )
        result = await self.text.structured(
            model=self.model_for("briefs"), prompt=prompt.text, schema=brief_pack_model(len(winners)),
            temperature=0.6, system=self.system,
        )
        return Generated[list[BriefPackItem]](
            **result.model_dump(exclude={"value"}), value=list(result.value.briefs)  # type: ignore[attr-defined]
        )

    async def brief(self, company: CompanyBrief, winner: WinnerForBrief) -> Generated[BriefDraft]:
        """One winner's brief: a pack of one (the same prompt, so one set of semantics)."""
        result = await self.briefs(company, [winner])
        if not result.value:
            raise GenerationFailed(f"the reply held no brief for rank {winner.rank}")
        draft = BriefDraft.model_validate(result.value[0].model_dump(exclude={"ref"}))
        return Generated[BriefDraft](**result.model_dump(exclude={"value"}), value=draft)

    async def revise_brief(
        self, company: CompanyBrief, winner: WinnerForBrief, current: BriefDraft, feedback: str | None
    ) -> Generated[BriefDraft]:
        instruction = (
            "Apply the reviewer's feedback." if feedback else
            "The reviewer rejected it (RED): write a clearly different take — new visual idea, new hook framing."
        )
        prompt = render(
            "revise_brief", instruction=instruction, abcd=winner.abcd.codes(), company_name=company.name,
            uvp=company.uvp, brief=current.model_dump(), feedback=(feedback or "(none)")[:2000],
        )
        return await self.text.structured(
            model=self.model_for("briefs"), prompt=prompt.text, schema=BriefDraft, temperature=0.9, system=self.system
        )

    async def image(self, brief: ImageBrief, creative_name: str, variant: int, primary: bytes | None,
                    references: BrandReferences | None = None) -> MediaResult:
        return await self.media.image(self.image_model, brief, variant, primary, references)

    async def video(self, brief: VideoBrief, creative_name: str, frames: list[bytes], renders: RenderStore | None = None,
                    force: bool = False) -> MediaResult:
        return await self.media.video(self.video_model, brief, frames, creative_name, renders, force)
