"""The keep, fallback and protect rules of the media stages, as plain functions.

Why here and not in the assets: these are the decisions that cost or save money and that a
person relies on (a paid image is never bought twice, a failed re-render never replaces a good
picture, an approved video is removed only by a person). As pure functions over the stored rows
they are tested one by one (creative_pipeline_tests/unit/media/test_rules.py); the stage bodies
only call them. Object existence is passed in as `exists`, so no storage is needed to decide.
"""

from __future__ import annotations

from collections.abc import Callable

from creative_pipeline.domain.approval import withdrawn
from creative_pipeline.domain.brief import IMAGE_VARIANTS, StoredBrief
from creative_pipeline.domain.media import MediaRecord, StoredMedia
from creative_pipeline.domain.review import Review
from creative_pipeline.media.safe_zones import PLACEMENTS

Exists = Callable[[str], bool]


def unchanged_sets(briefs: list[StoredBrief], rows: list[StoredMedia], exists: Exists) -> set[str]:
    """Winners whose every variant is a stored, ok clean plate rendered from the brief as it is
    now, with its ad for every placement: re-buying them would pay for the same pictures again.
    A set stored before plates and ads existed (text drawn by the model) is not unchanged."""
    keep = set()
    for b in briefs:
        plates = [r for r in rows if r.creative_name == b.creative_name and r.kind == "image"]
        ads = {(r.variant, r.placement) for r in rows
               if r.creative_name == b.creative_name and r.kind == "ad" and r.ok and r.storage_path and exists(r.storage_path)}
        complete = {r.variant for r in plates} == set(range(1, IMAGE_VARIANTS + 1)) and all(
            r.ok and r.brief_sha == b.image_sha and r.data.get("clean_plate") and r.storage_path and exists(r.storage_path)
            for r in plates)
        if complete and all((v, p) in ads for v in range(1, IMAGE_VARIANTS + 1) for p in PLACEMENTS):
            keep.add(b.creative_name)
    return keep


def keep_previous_on_failure(records: list[MediaRecord], previous: list[StoredMedia]) -> list[MediaRecord]:
    """A variant whose re-render failed keeps its previous good plate, thumbnail and ads (rows and
    objects), marked with the failed attempt; without a previous plate the failure is recorded."""
    out: list[MediaRecord] = []
    for record in records:
        old = [r for r in previous if r.ok and r.creative_name == record.creative_name and r.variant == record.variant
               and r.kind in ("image", "thumbnail", "ad")]
        if record.kind != "image" or record.status != "failed" or not any(r.kind == "image" for r in old):
            out.append(record)
            continue
        out += [row.as_record(rerender_failed=record.error) for row in old]
    return out


def reusable_video(row: StoredMedia | None, brief: StoredBrief, exists: Exists) -> bool:
    """An ok video rendered from this exact brief whose object is still in storage."""
    return bool(row and row.ok and row.brief_sha == brief.video_sha and row.storage_path and exists(row.storage_path))


def protected_videos(existing: dict[str, StoredMedia], handled: set[str], reviews: dict[str, Review]) -> list[StoredMedia]:
    """Approved videos this run neither keeps nor re-renders: kept unless a person withdrew the
    approval (latest review YELLOW/RED). Their `approved` flag then reads false (not re-rendered)."""
    return [
        row for name, row in existing.items()
        if name not in handled and row.ok and row.approved and not withdrawn(reviews.get(name))
    ]


def video_fallbacks(records: list[MediaRecord], existing: dict[str, StoredMedia]) -> tuple[list[MediaRecord], list[StoredMedia], list[MediaRecord]]:
    """A re-render that failed keeps the previous good video. Returns (the records to write, the
    previous rows kept instead, every failure to report — the kept ones say so)."""
    fallback = [existing[r.creative_name] for r in records if r.status == "failed" and r.creative_name in existing
                and existing[r.creative_name].ok]
    kept_names = {f.creative_name for f in fallback}
    written = [r for r in records if not (r.status == "failed" and r.creative_name in kept_names)]
    failed = [r for r in written if r.status == "failed"] + [
        MediaRecord(kind="video", creative_name=f.creative_name, status="failed", provider="", model="",
                    error="re-render failed; the previous video is kept") for f in fallback]
    return written, fallback, failed
