"""The transactions of one import: parse (pure), match, upsert, and record the outcome.

Nothing is thrown away: rejected rows come back with reasons, unmatched rows are stored (with
no creative) and listed, so a person can fix names and re-import — which is idempotent. The
`performance_data` asset calls this for its partition (one upload); tests and the benchmark
call it directly on bytes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from uuid import UUID

from creative_pipeline.performance.matching import attach_creatives, canonical_names
from creative_pipeline.performance.models import ImportReport, ParsedExport, PlatformChoice, UnknownFormatError
from creative_pipeline.performance.parsers.detect import parse_export
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories import performance as repo

__all__ = ["ImportReport", "PlatformChoice", "import_bytes", "mark_failed"]


def import_bytes(
    db: Database, data: bytes, file_name: str, platform: PlatformChoice = "auto", *, source: str = "cli",
    import_id: UUID | None = None, storage_path: str | None = None, user_id: UUID | None = None,
    on_step: Callable[[str], None] | None = None,
) -> ImportReport:
    """Parse and store one export in one transaction; the import row records the outcome.

    Whatever goes wrong, the row ends `failed` with the reason: a row left `processing` can
    never be claimed again, so a crash would otherwise block that upload for good.
    """
    if import_id is None:
        with db.transaction() as conn:
            import_id = repo.create_import(conn, platform, source, file_name, hashlib.sha256(data).hexdigest(),
                                           storage_path, user_id)
    step = on_step or (lambda message: None)
    try:
        started = time.monotonic()
        parsed = parse_export(data, platform, source_name=file_name)
        step(f"parsed {parsed.rows_read:,} rows as {parsed.platform} in {time.monotonic() - started:.1f} s; "
             "matching and writing ...")
        report = _store(db, parsed, file_name, import_id)
        step(f"stored in {time.monotonic() - started:.1f} s")
        return report
    except UnknownFormatError as exc:
        return mark_failed(db, import_id, file_name, platform, str(exc))
    except Exception as exc:
        mark_failed(db, import_id, file_name, platform, f"{type(exc).__name__}: {exc}")
        raise


def mark_failed(db: Database, import_id: UUID, file_name: str, platform: str, error: str) -> ImportReport:
    """Record a failed import (its own transaction: the failed one was rolled back)."""
    report = ImportReport(import_id=import_id, file_name=file_name, platform=platform, status="failed", error=error)
    with db.transaction() as conn:
        repo.finish_import(conn, import_id, report.model_dump(mode="json"), error=error)
    return report


def _store(db: Database, parsed: ParsedExport, file_name: str, import_id: UUID) -> ImportReport:
    rows = parsed.rows
    with db.transaction() as conn:
        known = repo.known_creatives(conn, sorted({n for n in canonical_names(rows["ad_name"]).dropna()}))
        matched = attach_creatives(rows, known)
        written = repo.upsert_rows(conn, matched, import_id)
        unmatched = matched[matched["creative_name"].isna()]
        report = ImportReport(
            import_id=import_id, file_name=file_name, platform=parsed.platform, status="done",
            rows_read=parsed.rows_read, imported=written.upserted, inserted=written.inserted,
            updated=written.updated, replaced_overlapping=written.replaced_overlapping,
            matched_rows=int(len(matched) - len(unmatched)), unmatched_rows=int(len(unmatched)),
            rejected_rows=len(parsed.rejected), skipped_summary_rows=parsed.skipped_summary_rows,
            unmatched_ad_names=sorted(unmatched["ad_name"].unique().tolist())[:100],
            rejected=[r.model_dump() for r in parsed.rejected[:100]], warnings=parsed.warnings,
        )
        repo.finish_import(conn, import_id, {**report.model_dump(mode="json"), "parse": parsed.summary()})
    return report
