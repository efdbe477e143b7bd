"""`make dev`'s server, for real: the asset graph, the company partitions, sensors and schedule
are visible through the webserver's GraphQL API (what the UI renders)."""

import os
import shutil
import time

import httpx
import pytest

from creative_pipeline.settings import PROJECT_ROOT
from creative_pipeline_tests.e2e.dagster_dev import running_dagster_dev

# one `dagster dev` for the module: its tests stay on one xdist worker (`make test` uses --dist loadgroup)
pytestmark = pytest.mark.xdist_group("test_dagster_ui")

QUERY = """
{
  assetNodes { assetKey { path } groupName partitionDefinition { name type } }
  repositoriesOrError { ... on RepositoryConnection { nodes {
    sensors { name sensorState { status } }
    schedules { name cronSchedule }
    jobs { name }
  } } }
}
"""


DATA_DIRS: dict = {}  # the server's CP_DATA_DIR, where its local Storage lives


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory: pytest.TempPathFactory, pg_url: str):
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    DATA_DIRS["dagster_dev"] = home / "data"
    env = {**os.environ, "DAGSTER_HOME": str(home), "DATABASE_URL": pg_url, "TRENDS_BACKEND": "off",
           "CP_DATA_DIR": str(home / "data")}
    with running_dagster_dev(env, ready_within_s=120) as base:
        yield base


def graphql(base: str) -> dict:
    deadline = time.monotonic() + 60
    while True:  # the code location may still be loading right after the server answers
        data = httpx.post(f"{base}/graphql", json={"query": QUERY}, timeout=30).json()["data"]
        if data["assetNodes"] or time.monotonic() > deadline:
            return data
        time.sleep(1)


def test_ui_shows_the_asset_graph_partitions_sensors_and_jobs(dagster_dev: str) -> None:
    data = graphql(dagster_dev)
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    for stage in ("company_context", "personas", "ad_scripts", "script_scores", "script_compliance", "winners",
                  "creative_briefs",
                  "ad_images", "ad_videos"):
        assert nodes[stage]["partitionDefinition"]["type"] == "DYNAMIC"
        assert nodes[stage]["partitionDefinition"]["name"] == "company"
    repo = data["repositoriesOrError"]["nodes"][0]
    sensors = {s["name"]: s["sensorState"]["status"] for s in repo["sensors"]}
    assert sensors["new_companies_sensor"] == "RUNNING"
    assert {"video_approvals_sensor", "performance_uploads_sensor"} <= set(sensors)
    assert sensors["insights_refresh_sensor"] == "RUNNING"
    assert {s["name"]: s["cronSchedule"] for s in repo["schedules"]} == {"daily_insights_schedule": "0 2 * * *"}
    assert {"company_pipeline", "company_videos", "performance_import", "performance_insights_daily"} <= {
        j["name"] for j in repo["jobs"]}
    # the performance loop is on the graph: per-import and per-day partitions (backfillable in the UI)
    assert nodes["performance_data"]["partitionDefinition"] == {"name": "performance_import", "type": "DYNAMIC"}
    assert nodes["performance_insights"]["partitionDefinition"]["type"] == "TIME_WINDOW"
    page = httpx.get(f"{dagster_dev}/assets", timeout=30)
    assert page.status_code == 200 and "<html" in page.text.lower()


RUNS = """
query ($slug: String!) {
  runsOrError(filter: {tags: [{key: "dagster/partition", value: $slug}]}) {
    ... on Runs { results { runId status jobName } }
  }
}
"""


def test_a_new_companies_row_is_picked_up_by_the_daemon_and_run_to_the_end(dagster_dev: str, db) -> None:
    """The whole production path: a row in `companies` → the daemon's sensor adds the partition
    and launches `company_pipeline` → the run (real run launcher, multiprocess executor) succeeds."""
    from creative_pipeline_tests.conftest import add_company

    company = add_company(db, "http://10.0.0.1/private-site", name=f"Daemon Co {time.monotonic_ns() % 10**6}")
    deadline = time.monotonic() + 300
    status, runs = None, []
    while time.monotonic() < deadline:
        runs = httpx.post(f"{dagster_dev}/graphql", json={"query": RUNS, "variables": {"slug": company.slug}},
                          timeout=30).json()["data"]["runsOrError"]["results"]
        status = runs[0]["status"] if runs else None
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(2)
    assert runs and runs[0]["jobName"] == "company_pipeline", runs
    assert status == "SUCCESS", runs
    with db.transaction() as conn:
        personas = conn.execute("select count(*) as n from personas where company_id = %s", (company.id,)).fetchone()["n"]
        winners = conn.execute("select count(*) as n from scripts where company_id = %s and is_winner",
                               (company.id,)).fetchone()["n"]
    assert personas == 5 and winners == 10


JOB_RUNS = """
query ($job: String!) {
  runsOrError(filter: {pipelineName: $job}) { ... on Runs { results { runId status jobName tags { key value } } } }
}
"""


def wait_for_run(base: str, job: str, seconds: float) -> dict | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        runs = httpx.post(f"{base}/graphql", json={"query": JOB_RUNS, "variables": {"job": job}},
                          timeout=30).json()["data"]["runsOrError"]["results"]
        if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            return runs[0]
        time.sleep(2)
    return None


def test_an_upload_is_imported_by_the_daemon_and_refreshes_insights(dagster_dev: str, db) -> None:
    """A pending `performance_imports` row with its file in Storage → the daemon's uploads sensor adds
    the import partition and launches `performance_import` → the import lands → the insights refresh
    sensor launches `performance_insights_daily` for the latest day."""
    path = DATA_DIRS["dagster_dev"] / "storage" / "performance-exports" / "uploads" / "daemon.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\nnot ours,2026-11-03,1.50,100,2\n")
    with db.transaction() as conn:
        import_id = conn.execute(
            "insert into performance_imports (platform, source, file_name, storage_path, status) "
            "values ('auto', 'storage', 'daemon.csv', 'uploads/daemon.csv', 'pending') returning id").fetchone()["id"]
    imported = wait_for_run(dagster_dev, "performance_import", 240)
    assert imported and imported["status"] == "SUCCESS", imported
    assert {"key": "dagster/partition", "value": str(import_id)} in imported["tags"]
    assert {"key": "creative_pipeline/launched_by", "value": "sensor"} in imported["tags"]  # who launched it
    with db.transaction() as conn:
        assert conn.execute("select status from performance_imports where id = %s", (import_id,)).fetchone()["status"] == "done"
    refreshed = wait_for_run(dagster_dev, "performance_insights_daily", 240)
    assert refreshed and refreshed["status"] == "SUCCESS", refreshed
    assert {"key": "refresh_after_import", "value": str(import_id)} in refreshed["tags"]
    assert {"key": "creative_pipeline/launched_by", "value": "sensor"} in refreshed["tags"]
