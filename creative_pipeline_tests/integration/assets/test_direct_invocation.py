"""The cheap layer of asset tests: an asset function called directly (no run, no instance) with a
context for one partition and simple stand-in resources, so its own logic is what is tested.

The database stays real (the house standard); the stand-ins replace only what the asset is
handed (the site fetcher, the scoring policy), with values a test controls."""

from __future__ import annotations

from dagster import build_asset_context

from creative_pipeline.assets.company_context import company_context
from creative_pipeline.assets.winners import winners
from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.resources.web.resource import SiteRead
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import load_context
from creative_pipeline_tests.conftest import add_company


class UnreachableSite:
    """The web resource's interface (`read_site`), answering as a site that cannot be fetched."""

    def read_site(self, url: str, uvp: str) -> SiteRead:
        return SiteRead(context=CompanyContext(description=uvp, source="uvp_only",
                                               scrape_error="connection refused (stand-in)"))


def test_company_context_falls_back_to_the_uvp_without_failing(clean_db: Database, resources: dict) -> None:
    company = add_company(clean_db, "https://unreachable.invalid", uvp="Cold brew in 10 seconds.")
    result = company_context(build_asset_context(partition_key=company.slug),
                             supabase=resources["supabase"], web=UnreachableSite())
    assert result.metadata["scrape_status"] == "failed: UVP-only context"
    assert result.metadata["scrape_error"] == "connection refused (stand-in)"
    with clean_db.transaction() as conn:
        stored = load_context(conn, company.id)
    assert (stored.source, stored.description) == ("uvp_only", "Cold brew in 10 seconds.")


def test_winners_refuses_to_run_before_its_upstream(clean_db: Database, resources: dict) -> None:
    """A partial run (winners before script_compliance) stops with the fix, and writes nothing."""
    company = add_company(clean_db, "https://example.invalid")
    try:
        winners(build_asset_context(partition_key=company.slug), supabase=resources["supabase"],
                scoring=resources["scoring"])
    except LookupError as exc:
        assert "materialize `script_compliance` first" in str(exc)
    else:  # pragma: no cover - the assertion's message is the point
        raise AssertionError("winners ran without compliance verdicts")
