"""The same rules over what a brief puts in front of people: the image's headline, subheadline
and CTA, the video's on-screen text, voiceover and CTA, and the prompts the media models get
(a before/after picture is a policy breach even if no word on it is)."""

from __future__ import annotations

from typing import Any

from creative_pipeline.compliance.engine import check_fields
from creative_pipeline.compliance.models import CopyVerdict
from creative_pipeline.domain.brief_draft import BriefDraft


def brief_fields(draft: BriefDraft) -> dict[str, str]:
    image, video = draft.image, draft.video
    fields = {
        "image.headline": image.headline, "image.subheadline": image.subheadline, "image.cta": image.cta,
        "image.visual_description": image.visual_description,
        "video.voiceover": video.voiceover, "video.cta": video.cta, "video.concept": video.concept,
    }
    for i, shot in enumerate(video.shots, start=1):
        fields[f"video.shot{i}.on_screen_text"] = shot.on_screen_text
        fields[f"video.shot{i}.description"] = shot.description
    return fields


def check_brief(draft: BriefDraft) -> CopyVerdict:
    return check_fields(brief_fields(draft))


def revision_feedback(verdict: CopyVerdict) -> str:
    """What the one regeneration is told: which fields break which policy, without repeating the
    offending words (a model, or the offline provider, would echo them back)."""
    lines = [f"- {r.field}: {r.note} ({r.policy_area}; rule {r.rule_id})" for r in verdict.reasons if r.severity == "RED"]
    return ("Compliance: this brief would be rejected by Meta/Google/TikTok ad review. Rewrite these fields "
            "without the claim, keep the idea and the CTA:\n" + "\n".join(lines))


def brief_compliance(verdict: CopyVerdict, regenerated: bool) -> dict[str, Any]:
    """What is stored with the brief: the verdict, its reasons, whether it was regenerated, and
    whether it is still RED after that (flagged for a person)."""
    return {"verdict": verdict.verdict, "reasons": [r.model_dump(mode="json") for r in verdict.reasons],
            "regenerated": regenerated, "flagged": verdict.verdict == "RED"}
