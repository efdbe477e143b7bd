"""How the Gemini check's outcome merges with the rules' verdict, and what offline says."""

import asyncio
from types import SimpleNamespace

from creative_pipeline.compliance.briefs import brief_fields, check_brief, revision_feedback
from creative_pipeline.compliance.llm import (
    NOT_CHECKED_OFFLINE,
    CopyForCheck,
    ModelCheck,
    ModelFinding,
    ModelVerdictItem,
    from_model_item,
    merged_verdict,
)
from creative_pipeline.compliance.scripts import script_verdict
from creative_pipeline.domain.brief import ImageBrief, VideoBrief, VideoShot
from creative_pipeline.domain.brief_draft import BriefDraft
from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.resources.gemini.sdk.compliance_packs import check_all
from creative_pipeline.resources.gemini.content import CompanyBrief
from creative_pipeline.resources.gemini.offline.generator import OfflineContentGenerator

SCRIPT = SimpleNamespace(id="00000000-0000-0000-0000-000000000001", headline="Sleep better tonight",
                         hook="Are you diabetic?", body="Our tea is calming.", cta="Shop now")


def test_model_findings_become_gemini_reasons_and_the_worse_verdict_wins() -> None:
    item = ModelVerdictItem(ref="C1", verdict="YELLOW", findings=[
        ModelFinding(policy_area="Implied health claim", phrase="sleep better", severity="RED", why="sleep is health")])
    check = from_model_item(item)
    assert check.verdict == "RED" and check.reasons[0].rule_id == "gemini.implied_health_claim"
    assert check.reasons[0].source == "gemini" and check.reasons[0].matched == "sleep better"
    assert merged_verdict("GREEN", check) == "RED"
    assert merged_verdict("RED", from_model_item(ModelVerdictItem(ref="C1", verdict="GREEN"))) == "RED"
    bare = from_model_item(ModelVerdictItem(ref="C2", verdict="YELLOW"))
    assert bare.reasons[0].rule_id == "gemini.unspecified"
    assert merged_verdict("YELLOW", ModelCheck(ref="C3", status="failed", note="x")) == "YELLOW"


def test_offline_says_not_checked_and_the_rules_verdict_stands() -> None:
    company = CompanyBrief(slug="x", name="X", uvp="tea", context=CompanyContext(source="uvp_only"))
    checks = asyncio.run(check_all(OfflineContentGenerator(), company, [CopyForCheck(ref="C1", text="hi")]))
    assert checks["C1"].status == "not_checked" and checks["C1"].note == NOT_CHECKED_OFFLINE
    stored = script_verdict(SCRIPT, checks["C1"], "offline", "offline-deterministic-v1")
    assert stored.verdict == stored.rules_verdict == "RED" and stored.model_status == "not_checked"
    assert stored.reasons[0].field == "hook" and stored.reasons[0].rule_id == "attributes.personal_question"


def test_a_brief_is_checked_field_by_field_and_its_feedback_names_rules_not_words() -> None:
    draft = BriefDraft(
        image=ImageBrief(headline="Fresh cold brew", cta="Shop now", visual_description="Before and after photos of a woman",
                         composition="centre", palette=["#000000", "#FFFFFF"], variations=["a", "b"]),
        video=VideoBrief(concept="Morning", shots=[VideoShot(description="pour", on_screen_text="Lose 5 kg in a week")],
                         voiceover="Guaranteed results", cta="Shop now"),
    )
    assert {"image.headline", "video.shot1.on_screen_text", "video.voiceover"} <= set(brief_fields(draft))
    verdict = check_brief(draft)
    assert verdict.verdict == "RED"
    fields = {r.field for r in verdict.reasons}
    assert {"image.visual_description", "video.shot1.on_screen_text", "video.voiceover"} <= fields
    feedback = revision_feedback(verdict)
    assert "weight.loss_promise" in feedback and "Lose 5 kg" not in feedback
