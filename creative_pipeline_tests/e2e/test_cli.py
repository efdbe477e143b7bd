"""The `creative-pipeline` command as a person runs it: a real subprocess, a real database."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from creative_pipeline.resources.supabase.database import Database


@pytest.fixture
def cli(pg_url: str, tmp_path: Path, sample_site: str):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GEMINI_", "SUPABASE_"))},
        "DATABASE_URL": pg_url, "CP_DATA_DIR": str(tmp_path / "data"), "DAGSTER_HOME": str(tmp_path / "dagster"),
        "TRENDS_BACKEND": "off", "WEB_ALLOW_HOSTS": sample_site.removeprefix("http://").rstrip("/"),
    }
    (tmp_path / "dagster").mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "creative_pipeline.cli.main", *args], env=env,
                              capture_output=True, text=True, timeout=300)

    return run


def company_count(db: Database) -> int:
    with db.transaction() as conn:
        return conn.execute("select count(*) as n from companies").fetchone()["n"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--url", "ftp://x.test", "--uvp", "ok"], "http:// or https://"),
        (["--url", "https://x.test", "--uvp", "  "], "UVP) is empty"),
        (["--url", "https://x.test", "--uvp", "x" * 1200], "keep it under 1000"),
        (["--url", "https://x.test", "--uvp", "ok", "--user-id", str(uuid.uuid4())], "no user with id"),
        (["--url", "https://x.test", "--uvp", "ok", "--user-id", "bob"], "is not a UUID"),
    ],
)
def test_add_company_refuses_bad_input_and_writes_nothing(cli, clean_db: Database, args: list[str], message: str) -> None:
    result = cli("add-company", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert company_count(clean_db) == 0


def test_add_run_show_and_list(cli, clean_db: Database, sample_site: str) -> None:
    added = cli("add-company", "--url", sample_site, "--uvp", "Cold brew at home in 10 seconds", "--name", "Brew Co")
    assert added.returncode == 0, added.stderr
    slug = added.stdout.strip()
    assert slug == "brew-co"

    ran = cli("run", slug, "--through", "creative_briefs")
    assert ran.returncode == 0, ran.stderr
    assert "[7/7] creative_briefs" in ran.stderr and "offline" in ran.stderr
    assert "Winners (10)" in ran.stdout

    shown = json.loads(cli("show", slug, "--json").stdout)
    assert set(shown) >= {"company", "personas", "scripts", "winners", "briefs"}
    context = shown["company"]["context"]  # grounded context: the offer and proof points the page states
    assert context["offer"] == "Start your first box — 50% off"
    assert {"Loved by 12,000 home baristas", "$24 per box, first box 50% off."} <= {
        p["quote"] for p in context["proof_points"]}
    assert all(set(p) == {"claim", "quote"} and p["quote"] in context["main_text"] for p in context["proof_points"])
    assert len(shown["personas"]) == 5 and len(shown["scripts"]) == 100 and len(shown["winners"]) == 10
    assert all(set(s["scores"]) >= {"trend", "llm", "viral", "final"} and s["id"] for s in shown["scripts"])
    # issue 15 item 4: what each score rests on — the rubric sub-scores, calibration, the prior's evidence
    rubric_keys = {"hook", "clarity", "proof", "persona_fit", "platform_fit", "cta", "viral"}
    assert all(rubric_keys <= set(s["scores"]["rubric"]) and s["scores"]["calibration"] for s in shown["scripts"])
    assert all(set(s["scores"]["prior_evidence"]) == {"weight", "impressions", "creatives", "matches"}
               and 0 <= s["scores"]["prior_evidence"]["weight"] <= 1 for s in shown["scripts"])
    assert all(s["compliance"]["verdict"] in ("GREEN", "YELLOW", "RED") and isinstance(s["compliance"]["reasons"], list)
               for s in shown["scripts"])
    # issue 15: every script shows its angle and its timed, platform-native structure (not `template`)
    timed_keys = {"angle", "placement", "duration_s", "hook_parts", "hook_alternatives", "beats", "objection",
                  "proof_quote", "cta_button", "cta_line", "meta", "eligibility", "checks"}
    assert all(timed_keys <= set(s) and "template" not in s for s in shown["scripts"])
    winner = next(s for s in shown["scripts"] if s["winner_rank"] == 1)
    assert winner["angle"] and winner["placement"] and winner["beats"][-1]["end_s"] <= winner["duration_s"]
    assert set(winner["hook_parts"]) == {"visual", "on_screen_text", "spoken"} and winner["cta_button"].isupper()
    assert winner["eligibility"] == {"may_win": True, "reasons": []}
    script_ids = {s["id"] for s in shown["scripts"]}
    assert set(shown["winners"]) <= script_ids
    assert [b["script_id"] for b in shown["briefs"]] == shown["winners"]
    assert all(b["creative_name"].endswith(f"_{slug}_W{i:02d}") for i, b in enumerate(shown["briefs"], 1))

    listed = json.loads(cli("companies", "--json").stdout)
    assert [c["partition_key"] for c in listed] == [slug]
    assert listed[0]["url"] == sample_site and listed[0]["created_at"] and listed[0]["winners"] == 10

    unknown = cli("run", "no-such-company")
    assert unknown.returncode == 2 and "no company" in unknown.stderr
    bad_stage = cli("run", slug, "--through", "nope")
    assert bad_stage.returncode == 2 and "unknown stage" in bad_stage.stderr


def test_db_migrate_is_idempotent(cli, db: Database) -> None:
    result = cli("db", "migrate")
    assert result.returncode == 0, result.stderr
    assert "applied: nothing pending" in result.stdout
    assert "local bootstrap: applied" in result.stdout


def test_import_performance_and_insights_run_under_the_defined_jobs(cli, clean_db: Database, tmp_path: Path) -> None:
    """The CLI launches the asset jobs (not `__ephemeral_asset_job__`): the runs are in DAGSTER_HOME."""
    from dagster import DagsterInstance, RunsFilter
    from dagster._core.instance.ref import InstanceRef

    fixture = Path(__file__).parents[1] / "fixtures" / "performance" / "meta_daily_bom.csv"
    imported = cli("import-performance", str(fixture), "--json")
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert report["status"] == "done" and report["platform"] == "meta" and report["rows_read"] > 0
    insights = cli("insights", "--end-date", "2026-11-04", "--json")
    assert insights.returncode == 0, insights.stderr
    assert "performance_insights partition 2026-11-04" in insights.stderr
    assert isinstance(json.loads(insights.stdout), list)
    with DagsterInstance.from_ref(InstanceRef.from_dir(str(tmp_path / "dagster"))) as instance:
        jobs = {r.job_name: r for r in instance.get_runs(RunsFilter())}
    assert set(jobs) == {"performance_import", "performance_insights_daily"}
    assert jobs["performance_import"].tags["dagster/partition"] == report["import_id"]
    assert jobs["performance_insights_daily"].tags["dagster/partition"] == "2026-11-04"


def test_archive_company_keeps_the_row_and_says_so(cli, clean_db: Database) -> None:
    slug = cli("add-company", "--url", "https://gone.example", "--uvp", "ok").stdout.strip()
    archived = cli("archive-company", slug)
    assert archived.returncode == 0 and "archived" in archived.stdout, archived.stderr
    with clean_db.transaction() as conn:
        row = conn.execute("select archived_at from companies where slug = %s", (slug,)).fetchone()
    assert row["archived_at"] is not None
    unknown = cli("archive-company", "no-such-company")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
