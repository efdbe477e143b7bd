"""The review listing printed for a person (the rows come from `services/review_listing.py`)."""

from __future__ import annotations

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.supabase.media_objects import CONTACT_SHEET, link, object_path, where
from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.services.review_listing import ReviewRow


def print_listing(company: Company, rows: list[ReviewRow], policy: MediaPolicy, storage: ObjectStorage, ttl_s: int) -> None:
    gate = "on: only GREEN winners get videos" if policy.approval_gate else "off: the top N get videos without review"
    print(f"== {company.name} ({company.slug}) — {len(rows)} winners; video top {policy.video_top_n}; approval gate {gate}")
    sheet = link(storage, object_path(company.slug, CONTACT_SHEET), ttl_s)
    print(f"   media: {where(storage, company.slug)}" + (f"\n   contact sheet: {sheet}" if sheet else ""))
    for row in rows:
        score = f"{row.final_score:.1f}" if row.final_score is not None else "—"
        state = row.review or "not reviewed"
        if row.approval == "stale":
            state += " — approval stale: the brief changed since; approve again to render it"
        if row.review == "YELLOW" and row.feedback:
            state += f" ({row.feedback[:60]})"
        print(f"\n#{row.rank:<2} {score:>5}  {row.creative_name}\n     {row.headline[:80]}"
              f"\n     persona: {row.persona}   review: {state}   brief v{row.brief_version}"
              f"   compliance: {_compliance(row)}"
              f"{'   (video-eligible)' if row.video_eligible else ''}")
        for img in row.images:
            status = img.url or f"FAILED: {img.error}"
            print(f"     image v{img.variant} {img.variant_name or ''}: {status}"
                  f"{'   [stale: brief revised since]' if img.stale else ''}")
        if not row.images:
            print("     images: not rendered yet (materialize ad_images)")
        if row.video:
            marked = "" if row.video.matches is not False else f"   [NOT AS ASKED, not ready: {'; '.join(row.video.mismatches)}]"
            print(f"     video {row.video.variant_name or ''}: {row.video.url or 'FAILED: ' + str(row.video.error)}{marked}")


def _compliance(row: ReviewRow) -> str:
    verdict = row.compliance or "not checked"
    note = " (look twice)" if verdict == "YELLOW" else ""
    if row.brief_compliance == "RED":
        note += "; brief copy still RED after regeneration"
    return verdict + note
