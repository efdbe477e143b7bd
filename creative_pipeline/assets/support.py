"""What every company-partitioned stage does around its story: find the company, hold its lock,
run async work (through the one fan-out helper, `resources/gemini/sdk/fan_out.py`), refuse an
incomplete set, write the cost ledger, and describe usage in metadata."""


import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from dagster import AssetExecutionContext, Backoff, Failure, Jitter, MetadataValue, RetryPolicy

from creative_pipeline.assets.stage_record import recorded_stage
from creative_pipeline.domain.company import Company
from creative_pipeline.domain.provenance import Provenance, model_mix
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.errors import PermanentProviderError
from creative_pipeline.resources.gemini.sdk.fan_out import Completion, complete_set, fan_out, worst_case_calls
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.spend.ledger import CallUsage, UsageLedger
from creative_pipeline.resources.spend.build import provider_guard
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.budget import company_spend
from creative_pipeline.resources.supabase.repositories.companies import (
    UnknownCompany,
    get_company,
    mark_launched,
)
from creative_pipeline.resources.supabase.repositories.generation_inputs import company_brief
from creative_pipeline.resources.supabase.repositories.locks import company_lock
from creative_pipeline.resources.supabase.repositories.usage import book_calls, write_usage
from creative_pipeline.settings import get_settings

__all__ = ["Completion", "company_brief", "complete_set", "fan_out", "worst_case_calls"]

T = TypeVar("T")

# Whole-step retry for what item-level retries could not absorb (provider outage, DB blip).
# CP_STEP_RETRY_DELAY_S shortens the first delay (tests); permanent errors never use it.
# Read once, when the definitions are built: a RetryPolicy is part of the asset's definition.
STEP_RETRY_DELAY_S = get_settings().step_retry_delay_s
PROVIDER_RETRY = RetryPolicy(
    max_retries=2, delay=STEP_RETRY_DELAY_S, backoff=Backoff.EXPONENTIAL, jitter=Jitter.PLUS_MINUS
)

COMPANY_LOCK_WAIT_S = get_settings().company_lock_wait_s


def one_writer_per_company(stage: Callable[..., T]) -> Callable[..., T]:
    """Run a stage under its company's Postgres advisory lock (repositories/locks.py): the CLI's
    in-process runs bypass Dagster's run queue, and two writers must never interleave. Inside the
    lock the attempt is recorded in `stage_runs` (assets/stage_record.py) for live status."""

    @functools.wraps(stage)
    def locked(context: AssetExecutionContext, *args: Any, **kwargs: Any) -> T:
        supabase = kwargs.get("supabase")
        if supabase is None:
            return stage(context, *args, **kwargs)
        with company_lock(supabase.db().url, context.partition_key, COMPANY_LOCK_WAIT_S):
            with recorded_stage(context, supabase.db(), stage.__name__):
                return stage(context, *args, **kwargs)

    return locked


def run_async(work: Coroutine[Any, Any, T]) -> T:
    """Run a step's concurrent provider work; a permanent provider error (bad key, unknown
    model) fails the step without the step-level retries, which could never succeed."""
    try:
        return asyncio.run(work)
    except PermanentProviderError as exc:
        raise Failure(description=f"provider refused the request: {exc.reason} (stored rows are unchanged)",
                      allow_retries=False) from exc


def require_upstream(rows: list[T], company: Company, what: str, upstream: str) -> list[T]:
    """Stop a stage launched before the one that feeds it (a partial run from the UI) with the fix,
    instead of writing an empty result that only the asset checks would notice."""
    if not rows:
        raise LookupError(f"{company.slug}: no {what} yet — materialize `{upstream}` first")
    return rows


def require_complete(done: Completion, what: str, name: Any = str) -> None:
    """Fail the step, before any row is touched, when a stage's set is not complete (its
    contract: 5 personas, 100 scripts, every script scored, a brief per winner). Step retries
    are allowed only when items failed (an outage may pass); replies that stayed short after
    re-asking would stay short."""
    if done.complete:
        return
    raise Failure(
        description=f"incomplete {what}: {done.problem(what, name)} — nothing written, previous rows kept",
        metadata={"wanted": len(done.wanted), "answered": len(done.values), "failed": len(done.failures),
                  "never_answered": len(done.missing), "calls": done.calls},
        allow_retries=bool(done.failures),
    )


def partition_company(context: AssetExecutionContext, db: Database) -> Company:
    """The partition's company, marked launched; a partition added without a `companies` row
    (e.g. from the launch dialog) fails at once, without retries, with the command that fixes it."""
    try:
        with db.transaction() as conn:
            company = get_company(conn, context.partition_key)
            mark_launched(conn, company.id)  # whoever runs a stage first, the sensor will not launch it again
            return company
    except UnknownCompany as exc:
        raise Failure(
            description=(
                f"partition {context.partition_key!r} has no row in `companies`. Add the company with "
                "`creative-pipeline add-company --url URL --uvp TEXT` (its slug becomes the partition key) instead of "
                "adding a partition by hand; see docs/operations.md."
            ),
            allow_retries=False,
        ) from exc




class ProviderStep:
    """A stage's provider session: one ledger and one generator; on leaving, the ledger is written
    (also after a failure: the calls were made and cost money) and `usage` holds its metadata."""

    def __init__(self, db: Database, company: Company, gemini: GenerationResource, step: str) -> None:
        self.ledger = UsageLedger(step, sink=ledger_sink(db, company))
        self.guard = provider_guard(db, company, gemini, self.ledger)
        self.generator: ContentGenerator = gemini.generator(self.ledger, self.guard)
        self.usage: dict[str, MetadataValue] = {}
        self._db, self._company, self._budget_default = db, company, gemini.company_budget_usd or None

    def __enter__(self) -> "ProviderStep":
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        self.usage = flush_usage(self._db, self._company, self.ledger, self._budget_default)
        self.guard.finish(ok=exc_type is None)


def ledger_sink(db: Database, company: Company) -> Callable[[list[CallUsage]], None]:
    """Books a stage's paid replies in `api_usage` as they arrive (one short transaction each), so a
    killed step keeps the rows of every call it paid for."""
    def book(calls: list[CallUsage]) -> None:
        with db.transaction() as conn:
            book_calls(conn, company.id, calls)
    return book


def flush_usage(db: Database, company: Company, ledger: UsageLedger,
                budget_default_usd: float | None = None) -> dict[str, MetadataValue]:
    """Write the ledger (even after a failure: the calls were made and cost money), then read what
    the company has spent against its budget — once per step, so every paid stage shows it."""
    with db.transaction() as conn:
        write_usage(conn, company.id, ledger.pending(), sessions=[ledger.session_id])
        spend = company_spend(conn, company.id, budget_default_usd)
    totals = ledger.totals()
    return {
        "provider_calls": MetadataValue.int(int(totals["calls"])),
        "provider_calls_retried_or_failed": MetadataValue.int(int(totals["failed_or_retried_calls"])),
        "tokens_in": MetadataValue.int(int(totals["tokens_in"])),
        "tokens_out": MetadataValue.int(int(totals["tokens_out"])),
        "estimated_cost_usd": MetadataValue.float(float(totals["cost_usd"])),
        "spent_usd": MetadataValue.float(round(spend.spent_usd, 4)),
        "budget_usd": MetadataValue.text("no limit" if spend.budget_usd is None else f"${spend.budget_usd:.2f}"),
    }


def models_metadata(made_by: list[Provenance], configured: str) -> dict[str, Any]:
    """Which models produced the stage's rows: `model` is the one model (the configured one unless
    a fallback answered everything); a mix adds `models` (model -> rows) and `rows_from_fallback`."""
    mix = model_mix(made_by)
    if not mix:
        return {"model": configured}
    fallbacks = sum(1 for p in made_by if p.fallback_reason)
    out: dict[str, Any] = {"model": ", ".join(mix)}
    if len(mix) > 1 or fallbacks:
        out["models"] = MetadataValue.json(mix)
        out["rows_from_fallback"] = fallbacks
    return out


def md_table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
