"""The LLM part of `script_scores`: rubric calls in mixed-persona packs, each carrying the two
anchor scripts, remapped onto one scale (scoring/anchors.py).

Packs are as large as the output budget comfortably allows: 25 scripts + 2 anchors = 27 items of
about 170 output tokens each (~4.6k tokens, under the 8k default with room for thinking), so a
company's 100 scripts take 4 calls. Scripts a short reply left out are asked again in smaller
packs (`complete_set`), each again with both anchors.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from creative_pipeline.assets.support import complete_set, require_complete
from creative_pipeline.domain.ad_pattern import AdPattern
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.domain.score import ScoreItem, ScriptForScoring
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.scoring.anchors import KNOWN_LLM, KNOWN_VIRAL, Calibration, calibration
from creative_pipeline.scoring.rubric import llm_from_rubric, viral_from_subscore

SCORE_PACK = 25


class PackScore(BaseModel):
    """One script's judgement with its pack's calibration and the model that gave it."""

    model_config = ConfigDict(frozen=True)

    item: ScoreItem
    origin: Provenance
    llm_calibration: Calibration
    viral_calibration: Calibration

    @property
    def llm_raw(self) -> float:
        return llm_from_rubric(self.item.rubric())

    @property
    def llm(self) -> float:
        return self.llm_calibration.apply(self.llm_raw)

    @property
    def viral(self) -> float:
        return self.viral_calibration.apply(viral_from_subscore(self.item.viral))

    @property
    def calibration_label(self) -> str:
        llm, viral = self.llm_calibration.label, self.viral_calibration.label
        return llm if llm == viral else f"llm {llm}; viral {viral}"


def map_pack(pack: list[ScriptForScoring], items: list[ScoreItem]) -> dict[str, ScoreItem]:
    """By `ref` when the reply's refs are ours and unique, else by position (the schema asks for
    one item per script, in order). A short reply maps what it has; the rest is asked again."""
    refs = [i.ref.strip() for i in items]
    ours = {s.ref for s in pack}
    if len(set(refs)) == len(refs) and set(refs) <= ours:
        return dict(zip(refs, items, strict=True))
    return {s.ref: item for s, item in zip(pack, items, strict=False)}


def with_anchors(scripts: list[ScriptForScoring], anchors: tuple[ScriptForScoring, ScriptForScoring]) -> list[ScriptForScoring]:
    """The pack with the weak anchor a third and the strong one two thirds of the way in: not at
    the ends, where a model might guess they are special."""
    pack = list(scripts)
    pack.insert(len(pack) // 3, anchors[0])
    pack.insert((2 * len(pack)) // 3 + 1, anchors[1])
    return pack


async def score_every_script(
    generator: ContentGenerator, company: CompanyBrief, scripts: list[ScriptForScoring],
    anchors: tuple[ScriptForScoring, ScriptForScoring], examples: list[AdPattern],
) -> dict[str, PackScore]:
    """A calibrated score per script (in the order given: mixed personas), or the step fails."""
    by_ref = {s.ref: s for s in scripts}
    weak, strong = anchors[0].ref, anchors[1].ref

    async def ask(refs: list[str]) -> dict[str, PackScore]:
        pack = with_anchors([by_ref[r] for r in refs], anchors)
        result = await generator.score_scripts(company, pack, examples)
        mapped = map_pack(pack, result.value)
        both = weak in mapped and strong in mapped
        llm = calibration((llm_from_rubric(mapped[weak].rubric()), llm_from_rubric(mapped[strong].rubric()))
                          if both else None, KNOWN_LLM)
        viral = calibration((viral_from_subscore(mapped[weak].viral), viral_from_subscore(mapped[strong].viral))
                            if both else None, KNOWN_VIRAL)
        return {ref: PackScore(item=mapped[ref], origin=result.provenance, llm_calibration=llm, viral_calibration=viral)
                for ref in refs if ref in mapped}

    done = await complete_set(list(by_ref), ask, pack_size=SCORE_PACK)
    require_complete(done, "scored scripts")
    return done.values
