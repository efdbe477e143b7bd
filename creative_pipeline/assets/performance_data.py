"""`performance_data`: the ad results of one uploaded export, one partition per import.

The partition key is the `performance_imports` row id (the uploads sensor adds it and requests
the run; the CLI does the same through `services.performance`). The run claims the row
(pending/failed → processing), reads the file from Storage, parses it, matches ad names back to
creatives and upserts the rows — all through the import repository. A second run of a done
import claims nothing and changes nothing; a re-import of the same file is idempotent anyway.

It reads the creative names `creative_briefs` wrote, but declares no dependency on it: that
would close a cycle (creative_briefs → performance_data → performance_insights → script_scores
→ ... → creative_briefs), which an asset graph cannot have.
"""

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID

from dagster import AssetExecutionContext, Failure, MaterializeResult, MetadataValue, asset

from creative_pipeline.partitions import performance_import_partitions
from creative_pipeline.performance.copy_format import names_csv, rows_csv
from creative_pipeline.performance.matching import name_matches
from creative_pipeline.performance.models import ImportReport, PlatformChoice, UnknownFormatError
from creative_pipeline.performance.parsers.collect import ExportTally
from creative_pipeline.performance.parsers.detect import ExportStream, open_export
from creative_pipeline.performance.parsers.stream import Source
from creative_pipeline.resources.supabase.buckets import EXPORTS_BUCKET
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories import performance_import as rows_repo
from creative_pipeline.resources.supabase.repositories.performance import (
    claim_import,
    create_import,
    finish_import,
    get_import,
    import_report,
)
from creative_pipeline.resources.supabase.resource import SupabaseResource

REPORT_REJECTED_LISTED = 100


def import_bytes(
    db: Database, data: Source, file_name: str, platform: PlatformChoice = "auto", *, source: str = "cli",
    import_id: UUID | None = None, storage_path: str | None = None, user_id: UUID | None = None,
    on_step: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import one export (bytes, a path or a binary file) in one transaction; the import row
    records the outcome. Parse (pure, streamed batch by batch) → COPY into staging → match in SQL
    → one upsert; rejected rows come back with line, column and reason, unmatched rows are stored
    and listed, so a person can fix names and re-import — which is idempotent.

    Whatever goes wrong, the row ends `failed` with the reason: a row left `processing` can
    never be claimed again, so a crash would otherwise block that upload for good.
    """
    if import_id is None:
        with db.transaction() as conn:
            import_id = create_import(conn, platform, source, file_name, _sha256(data), storage_path, user_id)
    try:
        return _store(db, open_export(data, platform, source_name=file_name), import_id, on_step or (lambda _m: None))
    except UnknownFormatError as exc:
        return mark_failed(db, import_id, file_name, platform, str(exc))
    except Exception as exc:
        mark_failed(db, import_id, file_name, platform, f"{type(exc).__name__}: {exc}")
        raise


def mark_failed(db: Database, import_id: UUID, file_name: str, platform: str, error: str) -> ImportReport:
    """Record a failed import (its own transaction: the failed one was rolled back)."""
    report = ImportReport(import_id=import_id, file_name=file_name, platform=platform, status="failed", error=error)
    with db.transaction() as conn:
        finish_import(conn, import_id, report.model_dump(mode="json"), error=error)
    return report


def _store(db: Database, stream: ExportStream, import_id: UUID, step: Callable[[str], None]) -> ImportReport:
    tally = ExportTally(stream)
    started = time.monotonic()

    def chunks() -> Iterator[bytes]:  # parsed while PostgreSQL ingests the previous batch
        for batch in stream.batches():
            yield rows_csv(tally.add(batch).rows)

    with db.transaction() as conn:
        staging = rows_repo.create_staging(conn, import_id)
        rows_repo.copy_rows(conn, staging, chunks())
        rows_repo.copy_names(conn, staging, names_csv(name_matches(tally.ad_names)))
        staged_s = time.monotonic() - started
        step(f"parsed and staged {tally.rows_read:,} rows as {stream.platform} in {staged_s:.1f} s; upserting ...")
        written = rows_repo.upsert_staged(conn, staging, import_id, stream.platform)
        rows_repo.drop_staging(conn, staging)
        parsed = tally.parsed(duplicates=written.duplicates_summed)
        report = ImportReport(
            import_id=import_id, file_name=stream.source_name, platform=stream.platform, status="done",
            rows_read=tally.rows_read, imported=written.upserted, inserted=written.inserted, updated=written.updated,
            replaced_overlapping=written.replaced_overlapping, matched_rows=written.matched_rows,
            unmatched_rows=written.unmatched_rows, rejected_rows=tally.rejected_count,
            skipped_summary_rows=tally.skipped_summary_rows, unmatched_ad_names=written.unmatched_ad_names,
            rejected=[r.model_dump() for r in tally.rejected[:REPORT_REJECTED_LISTED]], warnings=parsed.warnings,
            duplicates_summed=written.duplicates_summed,
            seconds={"parse_and_stage": round(staged_s, 3), "upsert": round(time.monotonic() - started - staged_s, 3)},
        )
        finish_import(conn, import_id, {**report.model_dump(mode="json"), "parse": parsed.summary()})
    step(f"stored in {time.monotonic() - started:.1f} s")
    return report


def _sha256(data: Source) -> str:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    stream = open(data, "rb") if isinstance(data, Path) else data  # noqa: SIM115
    try:
        stream.seek(0)
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    finally:
        if isinstance(data, Path):
            stream.close()
    return digest.hexdigest()


def _metadata(report: ImportReport) -> dict:
    return {
        "status": report.status, "file": report.file_name, "platform": report.platform,
        "rows_read": report.rows_read, "imported": report.imported, "matched_rows": report.matched_rows,
        "unmatched_rows": report.unmatched_rows, "rejected_rows": report.rejected_rows,
        "unmatched_ad_names": MetadataValue.json(report.unmatched_ad_names[:20]),
    }


@asset(
    partitions_def=performance_import_partitions, group_name="performance", kinds={"pandas", "postgres"},
    description="Ad-platform results (Meta / Google Ads / TikTok exports) matched back to creatives by "
                "name; one partition per uploaded export (performance_imports row id).",
)
def performance_data(context: AssetExecutionContext, supabase: SupabaseResource) -> MaterializeResult:
    import_id = UUID(context.partition_key)
    db = supabase.db()
    with db.transaction() as conn:
        row = claim_import(conn, import_id)
        current = None if row else get_import(conn, import_id)
        stored = None if row else import_report(conn, import_id)
    if row is None:
        if current is None:
            raise Failure(description=f"no performance_imports row {import_id}", allow_retries=False)
        context.log.info(f"import {import_id} is already {current.status}: nothing to do")
        previous = {"status": current.status, "file": current.file_name, "note": "already imported: nothing to do"}
        if stored and current.status == "done":
            previous = {**_metadata(stored), "note": "already imported: nothing to do"}
        return MaterializeResult(metadata=previous)
    if not row.storage_path:
        mark_failed(db, row.id, row.file_name, row.platform, "the import has no storage_path")
        raise Failure(description=f"import {import_id} has no storage_path", allow_retries=False)
    try:
        data = supabase.storage(EXPORTS_BUCKET).get(row.storage_path)
    except Exception as exc:  # leave it `failed` (claimable by a retry), never stuck in `processing`
        mark_failed(db, row.id, row.file_name, row.platform, f"could not read {row.storage_path}: {exc}")
        raise
    report = import_bytes(db, data, row.file_name, row.platform, source="storage",  # type: ignore[arg-type]
                          import_id=row.id, on_step=context.log.info)
    if report.status == "failed":
        raise Failure(description=report.error or "import failed", allow_retries=False,
                      metadata={"import_id": str(import_id)})
    return MaterializeResult(metadata=_metadata(report))
