"""The offline provider's angle plan and timed scripts: deterministic, grounded by construction.

Never AI output (rows say `provider=offline`). The plan is every angle the page supports with the
vocabulary's messenger and format; a script quotes only what the company gave (UVP sentences,
a review quoted on the page, proof points), so it passes the grounding check, and its beats are
built inside the word budget, so nothing needs trimming.
"""

from __future__ import annotations

import re

from creative_pipeline.compliance.grounding import QUOTE
from creative_pipeline.domain.abcd import Action, Driver, SceneSetting, SceneSubject
from creative_pipeline.domain.angle_plan import AnglePlan, PlannedAngle, default_angle
from creative_pipeline.domain.persona import PersonaDraft
from creative_pipeline.domain.script_timing import word_budget
from creative_pipeline.domain.timed_script import Beat, Hook, TimedScript, TimedScriptBatch, VideoAbcd
from creative_pipeline.domain.vocabulary import PLACEMENTS, Angle, CtaButton
from creative_pipeline.resources.gemini.content import CompanyBrief
from creative_pipeline.resources.gemini.offline.copy_banks import HEADLINES
from creative_pipeline.resources.gemini.offline.seeds import rng as _rng, topic as _topic
from creative_pipeline.resources.gemini.offline.timed_copy import CTA_BY_ANGLE, CTA_LINES, HOOKS

ACTIONS = {Angle.PAIN: Action.TRANSFORM, Angle.ASPIRATION: Action.TRANSFORM, Angle.OBJECTION_BUST: Action.REACTION,
           Angle.SOCIAL_PROOF: Action.TESTIMONIAL, Angle.OFFER_LED: Action.DEMO, Angle.COMPARISON: Action.COMPARE,
           Angle.MYTH_BUST: Action.TUTORIAL, Angle.FOUNDER_STORY: Action.STORY, Angle.DEMO_FIRST: Action.DEMO,
           Angle.UNBOXING: Action.UNBOX}


def _fit(text: str, budget: int) -> str:
    kept = text.split()[:budget]
    return " ".join(kept)


def page_quote(company: CompanyBrief, prefer: str = r"[\"“]") -> str:
    """A proof point the page states (the first matching `prefer`: by default a quoted review),
    else a review the page quotes, or '' when it has neither."""
    quotes = [p.quote for p in getattr(company.context, "proof_points", None) or [] if getattr(p, "quote", "")]
    for quote in quotes:
        if re.search(prefer, quote, re.I):
            return quote
    if quotes:
        return quotes[0]
    match = QUOTE.search(company.context.main_text)
    return match[1].strip() if match else ""


def angle_plan(company: CompanyBrief, allowed: list[Angle]) -> AnglePlan:
    order = list(allowed)
    _rng(company.slug, "angles").shuffle(order)
    return AnglePlan(angles=[default_angle(a).model_copy(update={
        "idea": f"{default_angle(a).idea} For {company.name}: {company.uvp[:120]}"[:240]}) for a in order])


def _claims(company: CompanyBrief) -> list[str]:
    return [c for c in re.split(r"(?<=[.!?])\s+", company.uvp.strip()) if c] or [company.uvp]


def _script(company: CompanyBrief, persona: PersonaDraft, planned: PlannedAngle, index: int, batch: int) -> TimedScript:
    rng = _rng(company.slug, persona.name, planned.angle.value, batch, index)
    values = {"name": company.name, "topic": _topic(company), "who": persona.archetype.capitalize()}
    bank = HOOKS[planned.angle]
    # the on-screen line by script, the spoken line shifted by persona: two personas' batches of one
    # angle never share a whole hook (batch_index = persona x 4 + batch + 1)
    shift = (batch - 1) // 4
    hooks = [Hook(on_screen_text=bank[(index + k) % len(bank)][0].format(**values),
                  spoken=bank[(index + k + shift) % len(bank)][1].format(**values),
                  visual=bank[(index + k) % len(bank)][2].format(**values)) for k in range(3)]
    placements = [p for p, spec in PLACEMENTS.items() if planned.format.value in {f.value for f in spec.abcd_formats}]
    placement = placements[(index + batch) % len(placements)]
    duration = 15 if index % 2 == 0 else 20
    claim = _claims(company)[(index + batch) % len(_claims(company))]
    objection = persona.objections[index % len(persona.objections)]
    # social proof quotes the page; an objection bust answers the objection with the page's own proof
    quote = (page_quote(company) if planned.angle == Angle.SOCIAL_PROOF else
             page_quote(company, r"loved|trusted|customers|reviews|rated") if planned.angle == Angle.OBJECTION_BUST else "")
    answer = (quote if planned.angle == Angle.SOCIAL_PROOF else
              f"{objection.capitalize()}? {quote}" if quote else
              f"{objection.capitalize()}? {company.name} has you covered.")
    button = CTA_BY_ANGLE.get(planned.angle) or rng.choice([CtaButton.SHOP_NOW, CtaButton.LEARN_MORE, CtaButton.SIGN_UP])
    cta_line = CTA_LINES[button]
    middle = duration - 4 - 3
    beats = [
        Beat(start_s=0, end_s=4, visual=hooks[0].visual, spoken=_fit(hooks[0].spoken, word_budget(4)),
             on_screen_text=hooks[0].on_screen_text),
        Beat(start_s=4, end_s=4 + middle / 2, visual=f"{company.name} product in use, close-up",
             spoken=_fit(claim, word_budget(middle / 2)), on_screen_text=_fit(claim, 6)),
        Beat(start_s=4 + middle / 2, end_s=duration - 3,
             visual="quote card from the site beside the product" if quote else "the product answering the doubt",
             spoken=_fit(answer, word_budget(middle / 2)),
             on_screen_text=_fit(quote, 8) if quote else _fit(f"{objection}? Covered.", 6)),
        Beat(start_s=duration - 3, end_s=duration, visual=f"{company.name} logo and the button",
             spoken=cta_line, on_screen_text=cta_line),
    ]
    headline = rng.choice(HEADLINES).format(name=company.name, goal=persona.goals[0], topic=values["topic"])
    return TimedScript(
        placement=placement, duration_s=duration, hook=hooks[0], hook_alternatives=hooks[1:], beats=beats,
        objection=objection, proof_quote=quote, is_dramatisation=planned.angle == Angle.SOCIAL_PROOF and not quote,
        cta_button=button, cta_line=cta_line, primary_text=claim[:125], headline=headline,
        keywords=rng.sample(company.context.keywords[:8] or [values["topic"]],
                            k=min(len(company.context.keywords[:8] or [1]), rng.randint(1, 3))),
        abcd=VideoAbcd(scene_setting=rng.choice(list(SceneSetting)), scene_subject=rng.choice(list(SceneSubject)),
                       action=ACTIONS[planned.angle], driver=rng.choice(list(Driver)), format=planned.format),
    )


def script_batch(company: CompanyBrief, persona: PersonaDraft, planned: PlannedAngle, batch_index: int) -> TimedScriptBatch:
    return TimedScriptBatch(scripts=[_script(company, persona, planned, i, batch_index) for i in range(5)])

