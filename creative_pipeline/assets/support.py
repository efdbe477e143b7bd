"""What every company-partitioned stage does around its story: find the company, run async
work, write the cost ledger, and describe usage in metadata."""


import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from dagster import AssetExecutionContext, Backoff, Failure, Jitter, MetadataValue, RetryPolicy

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.resources.gemini.errors import PermanentProviderError
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.gemini.usage import UsageLedger
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import get_company, load_context
from creative_pipeline.resources.supabase.repositories.usage import write_usage

T = TypeVar("T")

# Whole-step retry for what item-level retries could not absorb (provider outage, DB blip).
PROVIDER_RETRY = RetryPolicy(max_retries=2, delay=10, backoff=Backoff.EXPONENTIAL, jitter=Jitter.PLUS_MINUS)


def run_async(work: Coroutine[Any, Any, T]) -> T:
    """Run a step's concurrent provider work; a permanent provider error (bad key, unknown
    model) fails the step without the step-level retries, which could never succeed."""
    try:
        return asyncio.run(work)
    except PermanentProviderError as exc:
        raise Failure(description=f"provider refused the request: {exc.reason}", allow_retries=False) from exc


def require_upstream(rows: list[T], company: Company, what: str, upstream: str) -> list[T]:
    """Stop a stage launched before the one that feeds it (a partial run from the UI) with the fix,
    instead of writing an empty result that only the asset checks would notice."""
    if not rows:
        raise LookupError(f"{company.slug}: no {what} yet — materialize `{upstream}` first")
    return rows


def partition_company(context: AssetExecutionContext, db: Database) -> Company:
    with db.transaction() as conn:
        return get_company(conn, context.partition_key)


def company_brief(db: Database, company: Company) -> CompanyBrief:
    with db.transaction() as conn:
        ctx = load_context(conn, company.id)
    return CompanyBrief(slug=company.slug, name=company.name, uvp=company.uvp, context=ctx)


class ProviderStep:
    """A stage's provider session: one ledger and one generator; on leaving, the ledger is written
    (also after a failure: the calls were made and cost money) and `usage` holds its metadata."""

    def __init__(self, db: Database, company: Company, gemini: GeminiResource, step: str) -> None:
        self.ledger = UsageLedger(step)
        self.generator: ContentGenerator = gemini.generator(self.ledger)
        self.usage: dict[str, MetadataValue] = {}
        self._db, self._company = db, company

    def __enter__(self) -> "ProviderStep":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.usage = flush_usage(self._db, self._company, self.ledger)


def flush_usage(db: Database, company: Company, ledger: UsageLedger) -> dict[str, MetadataValue]:
    """Write the ledger (even after a failure: the calls were made and cost money)."""
    with db.transaction() as conn:
        write_usage(conn, company.id, ledger.calls)
    totals = ledger.totals()
    return {
        "provider_calls": MetadataValue.int(int(totals["calls"])),
        "provider_calls_retried_or_failed": MetadataValue.int(int(totals["failed_or_retried_calls"])),
        "tokens_in": MetadataValue.int(int(totals["tokens_in"])),
        "tokens_out": MetadataValue.int(int(totals["tokens_out"])),
        "estimated_cost_usd": MetadataValue.float(float(totals["cost_usd"])),
    }


def md_table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
