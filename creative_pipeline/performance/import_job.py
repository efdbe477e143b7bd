"""The `performance_import` job: one uploaded export (a `performance_imports` row pointing to
Storage) imported; launched by `performance_uploads_sensor`, safe to re-run."""

from uuid import UUID

from dagster import Config, Failure, MetadataValue, OpExecutionContext, job, op

from creative_pipeline.performance.importer import import_bytes, mark_failed
from creative_pipeline.resources.supabase.repositories.performance import claim_import
from creative_pipeline.resources.supabase.resource import SupabaseResource

EXPORTS_BUCKET = "performance-exports"


class ImportConfig(Config):
    import_id: str


@op
def import_performance_file(context: OpExecutionContext, config: ImportConfig, supabase: SupabaseResource) -> None:
    db = supabase.db()
    with db.transaction() as conn:
        row = claim_import(conn, UUID(config.import_id))
    if row is None:
        context.log.info(f"import {config.import_id} is already done or being processed: nothing to do")
        return
    try:
        data = supabase.storage(EXPORTS_BUCKET).get(row["storage_path"])
    except Exception as exc:  # leave it `failed` (claimable by a retry), never stuck in `processing`
        mark_failed(db, row["id"], row["file_name"], row["platform"], f"could not read {row['storage_path']}: {exc}")
        raise
    report = import_bytes(db, data, row["file_name"], row["platform"], source="storage", import_id=row["id"])
    context.add_output_metadata({
        "status": report.status, "rows_read": report.rows_read, "imported": report.imported,
        "unmatched_rows": report.unmatched_rows, "rejected_rows": report.rejected_rows,
        "unmatched_ad_names": MetadataValue.json(report.unmatched_ad_names[:20]),
    })
    if report.status == "failed":
        raise Failure(description=report.error or "import failed", allow_retries=False)


@job(tags={"pipeline": "performance"})
def performance_import() -> None:
    import_performance_file()
