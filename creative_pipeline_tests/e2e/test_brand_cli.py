"""A company's own images and brand kit from the command line: real subprocesses, a real
database, the local storage folder; a bad file refuses the whole command and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from creative_pipeline.demo.site_server import SITE_DIR
from creative_pipeline.resources.supabase.database import Database

from .test_cli import cli, company_count  # noqa: F401 - the same subprocess fixture

PRODUCT = SITE_DIR / "img" / "cold-brew-bottle.jpg"
LOGO = SITE_DIR / "img" / "brightbrew-logo.png"
HTML_NAMED_JPG = SITE_DIR / "img" / "seasonal-special.jpg"


def stored_files(tmp_path: Path) -> list[Path]:
    root = tmp_path / "data" / "storage"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_bad_image_refuses_add_company_and_writes_nothing(cli, clean_db: Database, tmp_path: Path) -> None:  # noqa: F811
    big = tmp_path / "huge.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024 + 1))
    for bad, reason in ((HTML_NAMED_JPG, "is an HTML page"), (big, "larger than 10 MB"),
                        (tmp_path / "missing.jpg", "no such file")):
        result = cli("add-company", "--url", "https://brew.test", "--uvp", "Cold brew", "--image", str(PRODUCT),
                     "--image", str(bad))
        assert result.returncode == 2, result.stdout
        assert reason in result.stderr and "nothing was written" in result.stderr
    assert company_count(clean_db) == 0
    with clean_db.transaction() as conn:
        assert conn.execute("select count(*) as n from brand_assets").fetchone()["n"] == 0
    assert stored_files(tmp_path) == []  # the good file of the same command was not stored either


def test_own_images_and_kit_from_add_company_to_show(cli, clean_db: Database, tmp_path: Path) -> None:  # noqa: F811
    added = cli("add-company", "--url", "https://brew.test", "--uvp", "Cold brew", "--name", "Brew Co",
                "--image", str(PRODUCT))
    assert added.returncode == 0, added.stderr
    slug = added.stdout.strip()
    shown = json.loads(cli("show", slug, "--json").stdout)
    [product] = shown["brand_assets"]
    assert (product["kind"], product["origin"], product["content_type"]) == ("product", "user", "image/jpeg")
    assert product["source_url"] == "file:cold-brew-bottle.jpg" and product["storage_path"].startswith(f"{slug}/brand/")
    stored = tmp_path / "data" / "storage" / "creatives" / product["storage_path"]
    assert stored.read_bytes() == PRODUCT.read_bytes()

    refused = cli("brand-images", "add", slug, str(LOGO), str(HTML_NAMED_JPG), "--kind", "logo")
    assert refused.returncode == 2 and "no image was added" in refused.stderr
    logo = cli("brand-images", "add", slug, str(LOGO), "--kind", "logo")
    assert logo.returncode == 0, logo.stderr
    kit = json.loads(cli("brand-kit", slug, "--color", "#2b1b17", "--color", "orange", "--font", "Playfair Display, serif",
                         "--tone", "warm", "--json").stdout)
    assert kit["colors"] == ["#2B1B17", "#FFA500"] and kit["font"] == "DejaVu Serif"
    assert kit["logo_path"].startswith(f"{slug}/brand/logo_") and kit["tone"][0] == {"word": "warm", "evidence": "set by the user"}
    assert set(kit["user_fields"]) == {"colors", "font", "tone", "logo_path"}
    bad_colour = cli("brand-kit", slug, "--color", "not-a-colour")
    assert bad_colour.returncode == 2 and "not colours: not-a-colour" in bad_colour.stderr

    shown = json.loads(cli("show", slug, "--json").stdout)
    assert [a["kind"] for a in shown["brand_assets"]] == ["logo", "product"] and shown["brand_kit"]["colors"][1] == "#FFA500"
    removed = cli("brand-images", "remove", slug, shown["brand_assets"][0]["id"])
    assert removed.returncode == 0, removed.stderr
    after = json.loads(cli("show", slug, "--json").stdout)
    assert [a["kind"] for a in after["brand_assets"]] == ["product"] and after["brand_kit"]["logo_path"] is None
    assert [p.name for p in stored_files(tmp_path)] == [Path(product["storage_path"]).name]  # the logo object went
