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

from uuid import UUID

from dagster import AssetExecutionContext, Failure, MaterializeResult, MetadataValue, asset

from creative_pipeline.partitions import performance_import_partitions
from creative_pipeline.performance.models import ImportReport
from creative_pipeline.resources.supabase.repositories.performance import claim_import, get_import, import_report
from creative_pipeline.resources.supabase.repositories.performance_import import import_bytes, mark_failed
from creative_pipeline.resources.supabase.buckets import EXPORTS_BUCKET
from creative_pipeline.resources.supabase.resource import SupabaseResource


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
