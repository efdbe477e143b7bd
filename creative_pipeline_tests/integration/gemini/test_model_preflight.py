"""Retired models are found before anything is spent: `check-models` (a real subprocess of the
CLI) and the run's own cached preflight, against the simulator's real 404 shapes; and the
price table refuses models it cannot price ("no silent $0")."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from dagster import DagsterEventType, DagsterInstance, EventRecordsFilter

from creative_pipeline.services.run_company import run_chain
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini.spend.pricing import UnpricedModelError, image_cost, text_cost, video_cost
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import PROJECT_ROOT, Settings
from creative_pipeline_tests.conftest import add_company, counts, site_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

CLI = str(PROJECT_ROOT / ".venv" / "bin" / "creative-pipeline")


def check_models(sim: GeminiSimulator, tmp_path: Path, **env: str) -> tuple[int, list[dict]]:
    environ = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "GEMINI_API_KEY": "sim-key", "GEMINI_BASE_URL": sim.base_url,
               "CP_DATA_DIR": str(tmp_path), "TRENDS_BACKEND": "off", **env}
    done = subprocess.run([CLI, "check-models", "--json"], env=environ, capture_output=True, text=True, timeout=120)
    return done.returncode, json.loads(done.stdout)


def step_failures(instance: DagsterInstance) -> list[str]:
    records = instance.get_event_records(EventRecordsFilter(event_type=DagsterEventType.STEP_FAILURE))
    return [str(r.event_log_entry.dagster_event.event_specific_data.error) for r in records]  # type: ignore[union-attr]


def test_check_models_says_ok_for_the_defaults_and_names_the_setting_of_a_retired_one(
    gemini_simulator: GeminiSimulator, tmp_path: Path,
) -> None:
    code, checks = check_models(gemini_simulator, tmp_path)
    assert code == 0 and [(c["setting"], c["status"]) for c in checks] == [
        ("GEMINI_TEXT_MODEL", "ok"), ("GEMINI_IMAGE_MODEL", "ok"), ("GEMINI_VIDEO_MODEL", "ok")]
    assert {c["model"] for c in checks} == {"gemini-3.8-flash", "gemini-nano-banana-2.1", "gemini-omni-1.1-flash"}

    code, checks = check_models(gemini_simulator, tmp_path, GEMINI_TEXT_MODEL="gemini-2.5-flash",
                                GEMINI_IMAGE_MODEL="gemini-2.5-flash-image", GEMINI_VIDEO_MODEL="gemini-omni-9-flash",
                                GEMINI_PRICE_OVERRIDES='{"gemini-omni-9-flash": {"video_per_second": {"720p": 0.2}}}')
    assert code == 2
    by_setting = {c["setting"]: c for c in checks}
    text = by_setting["GEMINI_TEXT_MODEL"]  # listed by models.get, refused on a call: closed to new users
    assert text["status"] == "retired" and "no longer available to new users" in text["message"]
    assert text["suggested"] == "gemini-3.8-flash"
    assert by_setting["GEMINI_IMAGE_MODEL"]["status"] == "retired"
    assert by_setting["GEMINI_IMAGE_MODEL"]["suggested"] == "gemini-nano-banana-2.1"
    assert by_setting["GEMINI_VIDEO_MODEL"]["status"] == "unknown"
    assert set(checks[0]) == {"setting", "model", "status", "message", "suggested"}
    assert not gemini_simulator.requests_for("generateContent")  # checking costs nothing


def test_a_retired_model_fails_the_run_up_front_naming_the_setting(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    company = add_company(clean_db, sample_site, name="Retired Co")
    configured = site_settings(settings, sample_site, gemini_api_key="sim-key", gemini_base_url=gemini_simulator.base_url,
                               gemini_backoff_base_s=0.01, gemini_text_model="gemini-2.5-flash")
    result = run_chain(company.slug, ["company_context", "personas"], instance=dagster_instance,
                       resources=build_resources(configured))
    assert [ok for _, _, ok in result] == [True, False]
    [failure] = step_failures(dagster_instance)  # one failure: no step retry
    assert "GEMINI_TEXT_MODEL" in failure and "gemini-3.8-flash" in failure and "no longer available" in failure
    assert not gemini_simulator.requests_for("generateContent")  # nothing paid
    # a few free requests: models.get per model, countTokens for the text and image models
    assert {r.endpoint for r in gemini_simulator.requests} == {"models.get", "countTokens"}
    assert len(gemini_simulator.requests) <= 5
    assert counts(clean_db, company.id)["personas"] == 0


def test_a_404_mid_run_is_permanent_and_names_the_setting(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    """An id the preflight cannot catch (a cached ok verdict, a model closed since) still stops at
    the first 404: no retries, the setting and the replacement named."""
    company = add_company(clean_db, sample_site, name="Closed Co")
    configured = site_settings(settings, sample_site, gemini_api_key="sim-key", gemini_base_url=gemini_simulator.base_url,
                               gemini_backoff_base_s=0.01, gemini_text_model="gemini-2.5-flash", model_check_ttl_s=3600)
    cache = configured.data_dir / "model_checks.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    from creative_pipeline.resources.gemini.models.preflight import CheckCache, ModelCheck

    models = build_resources(configured)["gemini"].model_settings()
    CheckCache(cache, 3600).put(CheckCache.key(gemini_simulator.base_url, models),
                                [ModelCheck(setting=s, model=m, status="ok") for s, m in models.items()])
    result = run_chain(company.slug, ["company_context", "personas"], instance=dagster_instance,
                       resources=build_resources(configured))
    assert [ok for _, _, ok in result] == [True, False]
    assert len(gemini_simulator.requests_for("generateContent")) == 1  # one 404, not 4 attempts x 3 step tries
    [failure] = step_failures(dagster_instance)
    assert "GEMINI_TEXT_MODEL=gemini-2.5-flash" in failure and "set GEMINI_TEXT_MODEL to gemini-3.8-flash" in failure


def test_models_without_a_price_are_refused_at_startup_unless_priced_by_the_operator(settings: Settings) -> None:
    live = settings.model_copy(update={"gemini_api_key": "k", "gemini_video_model": "gemini-omni-9.9-flash-exp"})
    with pytest.raises(UnpricedModelError, match=r"GEMINI_VIDEO_MODEL=gemini-omni-9.9-flash-exp.*price table.*pricing\.py"):
        build_resources(live)
    priced = live.model_copy(update={"gemini_price_overrides": '{"gemini-omni-9.9-flash-exp": {"video_per_second": {"720p": 0.2}}}'})
    build_resources(priced)
    assert video_cost("gemini-omni-9.9-flash-exp", 8, "720p") == pytest.approx(1.6)
    build_resources(settings)  # the offline provider needs no prices


def test_list_prices_of_the_defaults() -> None:
    assert text_cost("gemini-3.8-flash", 1_000_000, 1_000_000) == pytest.approx(0.75 + 3.75)  # through 2026-12-31
    assert image_cost("gemini-nano-banana-2.1", "1K") == pytest.approx(0.0336)
    assert image_cost("gemini-nano-banana-2.1", "4K") > image_cost("gemini-nano-banana-2.1", "2K") > 0.0336
    assert video_cost("gemini-omni-1.1-flash", 8, "720p") == pytest.approx(1.04)
    assert video_cost("gemini-omni-1.1-flash", 8, "1080p") == pytest.approx(1.56)
    assert video_cost("veo-3.1-generate-001", 8, "1080p") == pytest.approx(3.2)


def test_omni_1_2_is_priced_per_second_by_resolution() -> None:
    """Checked 2026-12-04 (third-party lists; no Google page in the corpus): $0.07/s at 720p."""
    assert video_cost("gemini-omni-1.2-flash", 8, "720p") == pytest.approx(0.56)
    assert video_cost("gemini-omni-1.2-flash", 15, "1080p") == pytest.approx(15 * 0.105)
