"""company_context keeps the sample site's real brand images and reads its kit (real scrape,
real Postgres, real Dagster, the local storage folder); a re-run replaces only the site's
images and keeps what the user added or set."""

from __future__ import annotations

import hashlib

from dagster import AssetKey, DagsterInstance
from PIL import Image

from creative_pipeline.demo.site_server import SITE_DIR
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.brand_assets import add_images, edit_kit, remove_image
from creative_pipeline.services.report import company_report
from creative_pipeline.services.run_company import run_chain
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings
from creative_pipeline_tests.integration.media.conftest import check_results

PRODUCT = (SITE_DIR / "img" / "cold-brew-bottle.jpg").read_bytes()


def test_site_images_kit_and_user_material_survive_a_rerun(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance, tmp_path
) -> None:
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    resources = build_resources(site_settings(settings, sample_site))
    storage = resources["supabase"].storage()
    assert all(ok for _, _, ok in run_chain(company.slug, ["company_context"], instance=dagster_instance, resources=resources))
    with clean_db.transaction() as conn:
        report = company_report(conn, company.slug)
    assets = {a["kind"]: a for a in report["brand_assets"]}
    assert sorted(assets) == ["logo", "product"]  # the HTML named .jpg and the 11 MB body were refused
    product = assets["product"]
    assert product["source_url"] == f"{sample_site}img/cold-brew-bottle.jpg" and product["origin"] == "site"
    assert product["sha256"] == hashlib.sha256(PRODUCT).hexdigest() and storage.get(product["storage_path"]) == PRODUCT
    kit = report["brand_kit"]
    assert kit["colors"][:2] == ["#2B1B17", "#E8A33D"] and kit["font"] == "DejaVu Serif"
    assert kit["logo_path"] == assets["logo"]["storage_path"] and kit["source"] == "site"
    assert {t["word"] for t in kit["tone"]} >= {"premium", "simple"} and all(t["evidence"] for t in kit["tone"])
    meta = dagster_instance.get_latest_materialization_event(AssetKey("company_context")).asset_materialization.metadata
    assert meta["brand_images_kept"].value == 2 and meta["brand_images_refused"].value == 2
    assert "seasonal-special.jpg" in meta["brand_images"].value
    assert check_results(dagster_instance)["brand_images_present"][0] is True

    mine = tmp_path / "mine.png"
    Image.new("RGB", (300, 300), (90, 20, 20)).save(mine)
    add_images(clean_db, storage, company.slug, [mine])
    edit_kit(clean_db, company.slug, colors=["#5A1414"])
    assert all(ok for _, _, ok in run_chain(company.slug, ["company_context"], instance=dagster_instance, resources=resources))
    with clean_db.transaction() as conn:
        again = company_report(conn, company.slug)
    assert [(a["origin"], a["kind"]) for a in again["brand_assets"]] == [("user", "product"), ("site", "logo"), ("site", "product")]
    assert {a["id"] for a in again["brand_assets"] if a["origin"] == "site"} != {a["id"] for a in report["brand_assets"]}
    assert again["brand_kit"]["colors"] == ["#5A1414"] and again["brand_kit"]["font"] == "DejaVu Serif"
    stored = set(storage.list(f"{company.slug}/brand"))
    assert stored == {a["storage_path"] for a in again["brand_assets"]}  # no orphan objects

    site_logo = next(a for a in again["brand_assets"] if a["kind"] == "logo")
    remove_image(clean_db, storage, company.slug, site_logo["id"])  # a person removes a site image: it stays out
    assert all(ok for _, _, ok in run_chain(company.slug, ["company_context"], instance=dagster_instance, resources=resources))
    with clean_db.transaction() as conn:
        third = company_report(conn, company.slug)
    assert [(a["origin"], a["kind"]) for a in third["brand_assets"]] == [("user", "product"), ("site", "product")]
    assert third["brand_kit"]["excluded_sha256"] == [site_logo["sha256"]] and third["brand_kit"]["logo_path"] is None
