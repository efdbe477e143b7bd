"""A real browser on the studio: headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; no browser download) against the studio served by uvicorn on 127.0.0.1, on the real
database. It sees every winner's images load, approves a winner and sees its state change, and
watches a stage go running → succeeded during a real Dagster run, without a reload.
Screenshots are kept in creative_pipeline_tests/artifacts/studio/ (git-ignored)."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest
import uvicorn
from dagster import instance_for_test

from creative_pipeline.demo.sample_export import synthetic_meta_export
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.services.performance import import_export, refresh_insights
from creative_pipeline.services.run_company import run_chain
from creative_pipeline.studio.app import build_state, create_app
from creative_pipeline_tests.integration.studio.conftest import Studio

# one worker for the module: its fixture runs the chain once for every test in it
pytestmark = pytest.mark.xdist_group("studio_browser")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "studio"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(studio: Studio) -> Iterator[str]:
    """The studio on a real socket (local default: no sign-in, loopback)."""
    port = free_port()
    app = create_app(build_state(studio.settings, studio.db, studio.resources))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "studio did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), "install Debian's chromium (make test does, as root)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def load_briefs_of(studio: Studio) -> list:
    with studio.db.transaction() as conn:
        return load_briefs(conn, studio.owned.id)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_the_team_sees_approves_and_watches_a_run(studio: Studio, served: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{served}/")
    assert page.locator("table.companies").get_by_text("Brightbrew Coffee").count() == 1
    assert shot(page, "companies").stat().st_size > 10_000

    page.goto(f"{served}/companies/{studio.owned.slug}")
    images = page.locator("img.variant")
    count = images.count()
    assert count >= 10
    page.wait_for_function("() => [...document.querySelectorAll('img.variant')].every(i => i.complete)", timeout=20_000)
    widths = page.eval_on_selector_all("img.variant", "els => els.map(e => e.naturalWidth)")
    assert len(widths) == count and all(w > 0 for w in widths), widths
    shot(page, "company")

    card = page.locator("#rank-6")
    assert card.locator("[data-testid=state]").inner_text() != "approved"
    card.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    card = page.locator("#rank-6")
    assert card.locator("[data-testid=state]").inner_text() == "approved"
    assert "rank 6: approved" in page.locator(".flash.ok").inner_text()
    card.scroll_into_view_if_needed()
    shot(page, "company-approved")

    # Live status: hold the `scripts` table so a real run of `winners` stays in its step, and watch the
    # page (no reload) show the stage running, then succeeded once the lock is released.
    stage = page.locator('#live li[data-stage="winners"] .status')
    assert stage.inner_text() == "succeeded"
    blocker = psycopg.connect(studio.db.url)
    blocker.execute("lock table public.scripts in access exclusive mode")
    outcome: list[bool] = []
    with tempfile.TemporaryDirectory(dir="/dev/shm") as home, instance_for_test(temp_dir=home) as instance:
        run = threading.Thread(target=lambda: outcome.extend(
            ok for _, _, ok in run_chain(studio.owned.slug, ["winners"], instance=instance, resources=studio.resources)))
        run.start()
        try:
            page.wait_for_function(
                "() => document.querySelector('#live li[data-stage=\"winners\"] .status').textContent === 'running'",
                timeout=15_000)
            shot(page, "live-running")
        finally:
            blocker.rollback()
            blocker.close()
        run.join(120)
    assert outcome == [True]
    page.wait_for_function(
        "() => document.querySelector('#live li[data-stage=\"winners\"] .status').textContent === 'succeeded'",
        timeout=15_000)
    shot(page, "live-succeeded")

    # Ad results come back as the demo makes them (a synthetic Meta export imported through the
    # service, insights computed by their job): the Performance page labels them SYNTHETIC.
    with tempfile.TemporaryDirectory(dir="/dev/shm") as home, instance_for_test(temp_dir=home) as instance:
        names = [b.creative_name for b in load_briefs_of(studio)]
        yesterday = datetime.now(timezone.utc).date() - timedelta(days=1)
        report = import_export(synthetic_meta_export(names, yesterday, days=14), "meta_ads_export_SYNTHETIC.csv",
                               "auto", instance=instance, resources=studio.resources, source="demo", launched_by="demo")
        assert report.status == "done" and report.matched_rows > 0, report
        assert refresh_insights(instance=instance, resources=studio.resources, launched_by="demo").success
    page.goto(f"{served}/performance")
    assert page.get_by_role("heading", name="Performance").count() == 1
    assert page.locator("section.insight").count() > 0
    assert page.locator("section.insight .tag.warn", has_text="SYNTHETIC").count() == page.locator("section.insight").count()
    shot(page, "performance")
    assert errors == []
