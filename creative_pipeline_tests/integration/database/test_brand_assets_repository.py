"""brand_assets and companies.brand_kit against real PostgreSQL: typed rows, one row per image,
a re-scrape replaces only the site's images, the user's kit fields survive, RLS holds."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from creative_pipeline.domain.brand import BrandAsset, BrandKit, ToneWord
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.brand_assets import (
    delete_brand_asset,
    insert_brand_assets,
    load_brand_assets,
    load_brand_kit,
    replace_site_assets,
    save_brand_kit,
)
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.database.test_rls import make_user, visible


def asset(tag: str, kind: str = "product", origin: str = "site") -> BrandAsset:
    sha = hashlib.sha256(tag.encode()).hexdigest()
    return BrandAsset(kind=kind, origin=origin, source_url=f"https://shop.test/{tag}.jpg", storage_bucket="creatives",
                      storage_path=f"acme/brand/{kind}_{sha[:12]}.jpg", content_type="image/jpeg", bytes=1234,
                      sha256=sha, width=640, height=480)


def test_assets_round_trip_and_a_rescrape_keeps_the_users_images(clean_db: Database) -> None:
    company = add_company(clean_db, "https://shop.test")
    with clean_db.transaction() as conn:
        insert_brand_assets(conn, company.id, [asset("mine", origin="user")])
        new = replace_site_assets(conn, company.id, [asset("a"), asset("logo", kind="logo"), asset("mine")])
    assert [a.source_url.rsplit("/", 1)[-1] for a in new] == ["a.jpg", "logo.jpg"]  # same sha as the user's: one row
    with clean_db.transaction() as conn:
        replace_site_assets(conn, company.id, [asset("b")])
        rows = load_brand_assets(conn, company.id)
    assert [(r.origin, r.source_url.rsplit("/", 1)[-1]) for r in rows] == [("user", "mine.jpg"), ("site", "b.jpg")]
    assert all(isinstance(r.id, uuid.UUID) and r.created_at for r in rows)
    with clean_db.transaction() as conn:
        removed = delete_brand_asset(conn, company.id, rows[0].id)
        assert removed is not None and removed.origin == "user"
        assert delete_brand_asset(conn, company.id, rows[0].id) is None
        assert [r.origin for r in load_brand_assets(conn, company.id)] == ["site"]


def test_kit_round_trip_and_user_fields_survive_a_rescrape(clean_db: Database) -> None:
    company = add_company(clean_db, "https://shop.test")
    with clean_db.transaction() as conn:
        assert load_brand_kit(conn, company.id) is None
        save_brand_kit(conn, company.id, BrandKit(colors=["#aa0000"], font="DejaVu Serif", source="user",
                                                  user_fields=["colors"], tone=[ToneWord(word="warm", evidence="x")]))
        stored = load_brand_kit(conn, company.id)
    assert stored is not None and stored.colors == ["#AA0000"] and stored.tone[0].word == "warm"
    fresh = BrandKit(colors=["#112233"], font="DejaVu Sans", source="site").merged_over(stored)
    assert fresh.colors == ["#AA0000"] and fresh.font == "DejaVu Sans" and fresh.user_fields == ["colors"]
    with pytest.raises(ValueError, match="#RRGGBB"):
        BrandKit(colors=["red"])


def test_a_user_sees_only_their_own_brand_assets(clean_db: Database) -> None:
    alice, bob = make_user(clean_db, f"a-{uuid.uuid4()}@x.test"), make_user(clean_db, f"b-{uuid.uuid4()}@x.test")
    mine = add_company(clean_db, "https://a.test", name="A Co", user_id=alice)
    theirs = add_company(clean_db, "https://b.test", name="B Co", user_id=bob)
    with clean_db.transaction() as conn:
        insert_brand_assets(conn, mine.id, [asset("a")])
        insert_brand_assets(conn, theirs.id, [asset("b")])
    assert {r["company_id"] for r in visible(clean_db, alice, "select company_id from brand_assets")} == {mine.id}
