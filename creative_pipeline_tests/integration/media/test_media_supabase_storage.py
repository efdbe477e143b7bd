"""The media stage on the Supabase Storage backend: the real supabase-py client against the
local Storage simulator, through the pipeline (uploads with x-upsert, signed URLs, sweeps)."""

from collections.abc import Iterator

import httpx
import pytest

from creative_pipeline.services.export import build_manifest
from creative_pipeline.resources.build import build_resources
from creative_pipeline_tests.simulators.storage_simulator import StorageSimulator, StoredBlob, running_storage_simulator

from .conftest import Briefed, check_results, last_metadata, media_rows

KEY = "fake-service-role-key-for-tests"


@pytest.fixture
def storage_sim() -> Iterator[StorageSimulator]:
    with running_storage_simulator(api_key=KEY, buckets=("creatives",)) as sim:
        yield sim


def test_images_go_to_supabase_storage_and_reruns_leave_no_orphans(briefed: Briefed, storage_sim: StorageSimulator) -> None:
    resources = build_resources(briefed.settings.model_copy(update={"supabase_url": storage_sim.url,
                                                                     "supabase_service_role_key": KEY}))
    assert resources["supabase"].storage().backend == "supabase"
    slug = briefed.company.slug
    assert all(ok for _, _, ok in briefed.run("ad_images", resources=resources))
    # the brand images were stored by company_context on the local backend: not found here, said so, not fatal
    assert "not in storage, so not used" in last_metadata(briefed.instance, "ad_images")["brand_references"]
    rows = media_rows(briefed.db, briefed.company.id)
    stored = {key for bucket, key in storage_sim.objects if bucket == "creatives"}
    assert stored == {r["storage_path"] for r in rows} and len(stored) == 151  # 30 plates, 30 thumbnails, 90 ads, the sheet
    uploads = [r for r in storage_sim.requests if r.method == "POST" and r.path.startswith("/storage/v1/object/creatives/")]
    assert len(uploads) == 151 and all(u.headers["x-upsert"] == "true" for u in uploads)
    assert {u.parts["file"][0] for u in uploads} == {"image/png", "image/jpeg"}
    assert storage_sim.objects[("creatives", f"{slug}/contact_sheet.png")].content_type == "image/png"

    sheet_url = last_metadata(briefed.instance, "ad_images")["contact_sheet_url"]
    assert sheet_url.startswith(f"{storage_sim.url}/storage/v1/object/sign/creatives/{slug}/contact_sheet.png?token=")
    assert httpx.get(sheet_url).content[:8] == b"\x89PNG\r\n\x1a\n"  # the signed link really serves the sheet
    assert check_results(briefed.instance)["image_objects_present"][0] is True

    name = rows[0]["creative_name"]
    storage_sim.objects[("creatives", f"{slug}/OLD_NAME/image_v1.png")] = StoredBlob(b"x", "image/png", "3600")
    storage_sim.objects[("creatives", f"{slug}/{name}/video.mp4")] = StoredBlob(b"v", "video/mp4", "3600")
    assert all(ok for _, _, ok in briefed.run("ad_images", resources=resources))
    again = media_rows(briefed.db, briefed.company.id)
    assert len(again) == 151 and {r["storage_path"] for r in again} == stored
    left = {key for bucket, key in storage_sim.objects if bucket == "creatives"}
    assert left == stored | {f"{slug}/{name}/video.mp4"}  # the orphan went; ad_videos' object stayed

    manifest = build_manifest(briefed.db, resources["supabase"].storage(), slug, 600, include_all=True)  # nothing approved yet
    urls = [i["url"] for w in manifest["winners"] for i in w["media"]["images"]]
    assert len(urls) == 30 and all(u.startswith(f"{storage_sim.url}/storage/v1/object/sign/creatives/{slug}/") for u in urls)
    signs = [r for r in storage_sim.requests if r.path.startswith("/storage/v1/object/sign/") and r.method == "POST"]
    assert signs and all(str(r.json["expiresIn"]) in ("600", "604800") for r in signs)
