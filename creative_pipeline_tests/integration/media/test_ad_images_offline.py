"""ad_images on the offline provider: objects, rows, contact sheet, re-runs without orphans."""

import json
import re

from PIL import Image

from creative_pipeline.assets.media_support import CONTACT_SHEET
from creative_pipeline.resources.supabase.storage_local import LocalFolderStorage

from .conftest import Briefed, check_results, last_metadata, materialize_stage, media_rows


def test_images_thumbnails_and_contact_sheet_are_stored_and_rows_hold_paths(briefed: Briefed) -> None:
    assert all(ok for _, _, ok in briefed.run("ad_images"))
    slug = briefed.company.slug
    storage: LocalFolderStorage = briefed.resources["supabase"].storage()
    images = media_rows(briefed.db, briefed.company.id, "image")
    thumbs = media_rows(briefed.db, briefed.company.id, "thumbnail")
    sheets = media_rows(briefed.db, briefed.company.id, "contact_sheet")
    ads = media_rows(briefed.db, briefed.company.id, "ad")
    assert len(images) == 30 and len(thumbs) == 30 and len(sheets) == 1 and len(ads) == 90
    assert {r["status"] for r in images + thumbs + sheets} == {"ok"}
    assert {r["provider"] for r in images} == {"offline"}
    names = {r["creative_name"] for r in images}
    assert len(names) == 10
    for r in images:
        assert r["storage_bucket"] == "creatives"
        assert re.fullmatch(rf"{slug}/{re.escape(r['creative_name'])}/image_v{r['variant']}\.png", r["storage_path"])
        assert r["bytes"] == storage.file_path(r["storage_path"]).stat().st_size > 10_000
        assert len(json.dumps(r["data"])) < 600  # paths and facts, never base64
    for r in thumbs:
        assert r["storage_path"].endswith(f"/thumb_v{r['variant']}.jpg") and r["content_type"] == "image/jpeg"
    assert sheets[0]["storage_path"] == f"{slug}/contact_sheet.png"
    for r in images:  # each plate: clean, with its variant's own name
        assert r["data"]["clean_plate"] is True and r["data"]["variant_name"] == f"{r['creative_name']}_V{r['variant']}"
    for r in ads:  # each variant once per placement, named like its variant, with the export's button value
        assert r["status"] == "ok" and r["placement"] in ("9:16", "4:5", "1:1")
        assert r["storage_path"].endswith(f"/ad_v{r['variant']}_{r['placement'].replace(':', 'x')}.png")
        assert r["data"]["variant_name"] == f"{r['creative_name']}_V{r['variant']}" and r["data"]["cta_button"]
        w, h = (int(x) for x in r["placement"].split(":"))
        assert abs(r["data"]["width"] / r["data"]["height"] - w / h) < 0.01
    assert len({(r["creative_name"], r["variant"], r["placement"]) for r in ads}) == 90
    with briefed.db.transaction() as conn:  # the overlay's words are the winning script's Meta headline (<= 40)
        headlines = {r["creative_name"]: r["headline"] for r in conn.execute(
            "select a.creative_name, s.headline from assets a join scripts s on s.id = a.script_id "
            "where a.company_id = %s and a.kind = 'image_brief'", (briefed.company.id,)).fetchall()}
    assert len(headlines) == 10 and all(0 < len(h) <= 40 for h in headlines.values())
    assert all(r["data"]["headline"] == headlines[r["creative_name"]].strip() for r in ads)
    referenced = {r["storage_path"] for r in images + thumbs + sheets + ads}
    assert set(storage.list(slug)) - set(storage.list(f"{slug}/brand")) == referenced

    primary = next(r for r in images if r["variant"] == 1)
    with Image.open(storage.file_path(primary["storage_path"])) as img:
        expected = (1080, 1920) if primary["data"]["width"] < primary["data"]["height"] else (1080, 1080)
        assert img.size == expected == (primary["data"]["width"], primary["data"]["height"])
        band = img.convert("RGB").crop((0, int(img.height * 0.36), img.width, int(img.height * 0.58)))
        bottle = sum(n for n, (r, g, b) in band.getcolors(1 << 20) if abs(r - 120) < 12 and abs(g - 62) < 12 and b < 40)
        assert bottle > 2000  # the sample site's real product photo (an amber bottle) is in the proof

    meta = last_metadata(briefed.instance, "ad_images")
    assert meta["images"] == 30 and meta["images_failed"] == 0 and meta["thumbnails"] == 30
    assert meta["brand_references"].startswith("product photo")
    assert meta["ads"] == 90
    assert meta["bytes_stored"] == sum(r["bytes"] for r in images + thumbs + sheets + ads)
    assert "data:image/jpeg;base64," in meta["contact_sheet"]
    assert meta["contact_sheet_url"].startswith("file://")
    checks = check_results(briefed.instance)
    assert checks["image_objects_present"][0] and checks["image_set_per_winner"][0]


def test_rerun_overwrites_the_same_objects_and_leaves_no_orphans_or_duplicates(briefed: Briefed) -> None:
    slug = briefed.company.slug
    storage: LocalFolderStorage = briefed.resources["supabase"].storage()
    assert all(ok for _, _, ok in briefed.run("ad_images"))
    first = media_rows(briefed.db, briefed.company.id)
    paths = {r["storage_path"] for r in first}
    inodes = {p: storage.file_path(p).stat().st_ino for p in paths}
    some_name = first[0]["creative_name"]
    storage.put(f"{slug}/20250101_OLD_NAME_W01/image_v1.png", b"stale", "image/png")   # a renamed creative
    storage.put(f"{slug}/{some_name}/image_v4.png", b"stale", "image/png")             # a variant no longer made
    storage.put(f"{slug}/{some_name}/video.mp4", b"video", "video/mp4")                # ad_videos' object: kept
    storage.put("other-company/x/image_v1.png", b"other", "image/png")                # another partition: kept

    assert all(ok for _, _, ok in briefed.run("ad_images"))
    second = media_rows(briefed.db, briefed.company.id)
    assert len(second) == len(first) == 151  # 30 plates, 30 thumbnails, 90 ads, the sheet
    assert {r["storage_path"] for r in second} == paths
    brand = set(storage.list(f"{slug}/brand"))  # company_context's objects: ad_images never sweeps them
    assert len(brand) == 2 and set(storage.list(slug)) == paths | brand | {f"{slug}/{some_name}/video.mp4"}
    assert storage.exists("other-company/x/image_v1.png")
    # briefs unchanged: the images are kept as they are (issue 9: never re-buy what did not change)
    assert all(storage.file_path(p).stat().st_ino == inodes[p] for p in paths if CONTACT_SHEET not in p)
    assert last_metadata(briefed.instance, "ad_images")["orphans_removed"] == 2
    assert last_metadata(briefed.instance, "ad_images")["winners_kept_unchanged"] == 10

    assert materialize_stage(briefed, "ad_images", {"force": True}).success  # force re-renders
    assert {r["storage_path"] for r in media_rows(briefed.db, briefed.company.id)} == paths
    assert all(storage.file_path(p).stat().st_ino != inodes[p] for p in paths)  # rewritten, same path
