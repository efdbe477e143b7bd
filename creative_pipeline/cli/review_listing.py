"""What a reviewer sees: each winner with its score, persona, review state, image links and video.

Images whose brief was revised after they were rendered are marked stale, so nobody approves a
video on the strength of a picture of the previous brief.
"""

from __future__ import annotations

from typing import Any

from creative_pipeline.resources.supabase.media_objects import CONTACT_SHEET, link, object_path, where
from creative_pipeline.domain.company import Company
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.domain.approval import approval_state
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.compliance import load_compliance
from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline.resources.supabase.repositories.reviews import latest_reviews
from creative_pipeline.resources.supabase.storage import ObjectStorage


def review_rows(db: Database, storage: ObjectStorage, company: Company, policy: MediaPolicy, ttl_s: int) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        briefs = load_briefs(conn, company.id)
        reviews = latest_reviews(conn, company.id)
        media = load_media(conn, company.id, ("image", "video"))
        verdicts = load_compliance(conn, company.id)
    rows = []
    for b in briefs:
        name = b.creative_name
        review = reviews.get(name)
        images = [
            {"variant": m.variant, "status": m.status, "error": m.error, "path": m.storage_path,
             "url": link(storage, m.storage_path, ttl_s) if m.ok else "",
             "stale": m.brief_sha != b.image_sha}
            for m in media if m.kind == "image" and m.creative_name == name
        ]
        video = next((m for m in media if m.kind == "video" and m.creative_name == name), None)
        rows.append({
            "rank": b.rank, "creative_name": name, "final_score": b.final_score, "persona": b.persona_name,
            "headline": b.image.headline, "brief_version": b.version,
            "review": review.status if review else None, "approval": approval_state(review, b),
            "feedback": review.feedback if review else None, "reviewed_by": review.reviewer_label if review else None,
            "video_eligible": b.rank <= policy.video_top_n,
            "compliance": verdicts[b.script_id].verdict if b.script_id in verdicts else None,
            "brief_compliance": (b.compliance or {}).get("verdict"),
            "images": images,
            "video": None if video is None else {
                "status": video.status, "error": video.error, "path": video.storage_path,
                "url": link(storage, video.storage_path, ttl_s) if video.ok else "",
            },
        })
    return rows


def print_listing(company: Company, rows: list[dict[str, Any]], policy: MediaPolicy, storage: ObjectStorage, ttl_s: int) -> None:
    gate = "on: only GREEN winners get videos" if policy.approval_gate else "off: the top N get videos without review"
    print(f"== {company.name} ({company.slug}) — {len(rows)} winners; video top {policy.video_top_n}; approval gate {gate}")
    sheet = link(storage, object_path(company.slug, CONTACT_SHEET), ttl_s)
    print(f"   media: {where(storage, company.slug)}" + (f"\n   contact sheet: {sheet}" if sheet else ""))
    for row in rows:
        score = f"{row['final_score']:.1f}" if row["final_score"] is not None else "—"
        state = row["review"] or "not reviewed"
        if row["approval"] == "stale":
            state += " — approval stale: the brief changed since; approve again to render it"
        if row["review"] == "YELLOW" and row["feedback"]:
            state += f" ({row['feedback'][:60]})"
        print(f"\n#{row['rank']:<2} {score:>5}  {row['creative_name']}\n     {row['headline'][:80]}"
              f"\n     persona: {row['persona']}   review: {state}   brief v{row['brief_version']}"
              f"   compliance: {_compliance(row)}"
              f"{'   (video-eligible)' if row['video_eligible'] else ''}")
        for img in row["images"]:
            status = img["url"] or f"FAILED: {img['error']}"
            print(f"     image v{img['variant']}: {status}{'   [stale: brief revised since]' if img['stale'] else ''}")
        if not row["images"]:
            print("     images: not rendered yet (materialize ad_images)")
        if row["video"]:
            print(f"     video: {row['video']['url'] or 'FAILED: ' + str(row['video']['error'])}")


def _compliance(row: dict[str, Any]) -> str:
    verdict = row.get("compliance") or "not checked"
    note = " (look twice)" if verdict == "YELLOW" else ""
    if row.get("brief_compliance") == "RED":
        note += "; brief copy still RED after regeneration"
    return verdict + note
