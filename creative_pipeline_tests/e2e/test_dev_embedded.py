"""`make dev` on the embedded default, as a new user gets it: no DATABASE_URL anywhere.

The launcher starts the embedded PostgreSQL once, outside the code server, and hands its URL to
the webserver, daemon, code server and runs. This test joins the same embedded server from
outside (as the CLI would), inserts a `companies` row while `dagster dev` runs, and expects the
daemon's sensor to launch it exactly once — with every sensor tick green.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from creative_pipeline.settings import PROJECT_ROOT
from creative_pipeline_tests.e2e.dagster_dev import running_dagster_dev
from creative_pipeline_tests.e2e.test_dagster_ui import RUNS

# one `dagster dev` for the module: its tests stay on one xdist worker (`make test` uses --dist loadgroup)
pytestmark = pytest.mark.xdist_group("test_dev_embedded")

TICKS = """
query ($name: String!) {
  sensorOrError(sensorSelector: {repositoryName: "__repository__", repositoryLocationName: "creative_pipeline",
                                 sensorName: $name}) {
    ... on Sensor { sensorState { ticks(limit: 20) { status error { message } } } }
  }
}
"""


def runs_for(base: str, slug: str) -> list[dict]:
    data = httpx.post(f"{base}/graphql", json={"query": RUNS, "variables": {"slug": slug}}, timeout=30).json()
    return data["data"]["runsOrError"]["results"]


def ticks(base: str, name: str) -> list[dict]:
    data = httpx.post(f"{base}/graphql", json={"query": TICKS, "variables": {"name": name}}, timeout=30).json()
    found = data["data"]["sensorOrError"]
    return found.get("sensorState", {}).get("ticks", []) if found else []


@pytest.fixture(scope="module")
def embedded_dev() -> tuple[str, Path]:
    root = Path(tempfile.mkdtemp(prefix="cp-dev-", dir="/tmp"))  # not under /root (pgserver)
    home, data = root / "dagster_home", root / "data"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GEMINI_API_KEY", "SUPABASE_URL")}
    env.update({"DAGSTER_HOME": str(home), "CP_DATA_DIR": str(data), "TRENDS_BACKEND": "off"})
    with running_dagster_dev(env, ready_within_s=180) as base:
        yield base, data


def test_a_row_inserted_while_make_dev_runs_is_launched_once_on_the_embedded_default(embedded_dev) -> None:
    from creative_pipeline.resources.supabase.database import get_database
    from creative_pipeline_tests.conftest import SUPABASE_DIR, add_company

    base, data = embedded_dev
    db = get_database(None, data, SUPABASE_DIR)  # joins the server the launcher started: the same database
    assert str(data / "postgres") in db.url
    company = add_company(db, "http://10.0.0.1/private-site", name="Embedded Dev Co")
    deadline, status, runs = time.monotonic() + 360, None, []
    while time.monotonic() < deadline:
        runs = runs_for(base, company.slug)
        status = runs[0]["status"] if runs else None
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(2)
    assert runs and runs[0]["jobName"] == "company_pipeline" and status == "SUCCESS", runs
    with db.transaction() as conn:
        row = conn.execute("select pipeline_launched_at, (select count(*) from personas p where p.company_id = c.id) "
                           "as personas from companies c where id = %s", (company.id,)).fetchone()
    assert row["pipeline_launched_at"] is not None and row["personas"] == 5
    time.sleep(35)  # at least one more tick of the 30 s sensor: it must not launch the company again
    assert len(runs_for(base, company.slug)) == 1
    sensor_ticks = ticks(base, "new_companies_sensor")
    assert sensor_ticks and all(t["status"] != "FAILURE" for t in sensor_ticks), sensor_ticks
