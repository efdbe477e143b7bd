"""The studio's pages and JSON API on the local default (no sign-in): what the team sees is what
is stored, media bytes are served only for the company's own objects, reviews go through the
review service, a stale brief is refused."""

from __future__ import annotations

import pytest

import re

from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline_tests.integration.studio.conftest import Studio

# one worker for the module: its fixture runs the chain once for every test in it
pytestmark = pytest.mark.xdist_group("studio_pages")


def csrf(client) -> str:
    client.get("/")
    return client.cookies["studio_csrf"]


def test_companies_and_company_pages_show_what_is_stored(studio: Studio) -> None:
    client = studio.client()
    home = client.get("/")
    assert home.status_code == 200
    assert "Brightbrew Coffee" in home.text and "Other Co" in home.text  # local operator: every company
    assert 'data-stage="ad_images"' in home.text and "succeeded" in home.text
    page = client.get(f"/companies/{studio.owned.slug}")
    assert page.status_code == 200
    with studio.db.transaction() as conn:
        briefs = load_briefs(conn, studio.owned.id)
        images = [m for m in load_media(conn, studio.owned.id, ("image",)) if m.ok]
    assert briefs and images
    for b in briefs:
        assert b.creative_name in page.text
    srcs = re.findall(r'<img src="(/media/[^"]+)"', page.text)
    assert len(srcs) == len(images)
    for src in srcs:
        got = client.get(src)
        assert got.status_code == 200 and got.headers["content-type"] == "image/png" and got.content[:4] == b"\x89PNG"
    assert page.text.count(">Approve<") == len(briefs)


def test_stages_api_lists_the_chain_in_order(studio: Studio) -> None:
    states = studio.client().get(f"/api/companies/{studio.owned.slug}/stages").json()
    by_stage = {s["stage"]: s for s in states}
    assert states[0]["stage"] == "company_context"
    assert all(by_stage[s]["status"] == "succeeded" for s in ("company_context", "personas", "winners", "ad_images"))
    assert by_stage["ad_videos"]["status"] == "not run" and by_stage["ad_images"]["run_id"]
    assert studio.client().get("/api/companies/no-such-company/stages").status_code == 404


def test_review_api_records_and_refuses_a_stale_brief(studio: Studio) -> None:
    client = studio.client()
    token = csrf(client)
    with studio.db.transaction() as conn:
        brief = next(b for b in load_briefs(conn, studio.owned.id) if b.rank == 2)
    url = f"/api/companies/{studio.owned.slug}/reviews"
    ok = client.post(url, json={"rank": 2, "status": "GREEN", "brief_version": brief.version, "reviewer": "ana"},
                     headers={"X-CSRF-Token": token})
    assert ok.status_code == 201, ok.text
    body = ok.json()
    assert (body["status"], body["creative_name"], body["reviewer_label"], body["brief_version"]) == (
        "GREEN", brief.creative_name, "ana", brief.version)
    stale = client.post(url, json={"rank": 2, "status": "GREEN", "brief_version": brief.version + 5},
                        headers={"X-CSRF-Token": token})
    assert stale.status_code == 409
    assert f"is at version {brief.version}" in stale.json()["detail"] and "reload" in stale.json()["detail"]
    bad = client.post(url, json={"rank": 2, "status": "YELLOW"}, headers={"X-CSRF-Token": token})
    assert bad.status_code == 422 and "feedback" in bad.text
    unknown = client.post(url, json={"rank": 99, "status": "GREEN"}, headers={"X-CSRF-Token": token})
    assert unknown.status_code == 404


def test_approve_form_changes_the_state_and_keeps_history(studio: Studio) -> None:
    client = studio.client()
    token = csrf(client)
    with studio.db.transaction() as conn:
        brief = next(b for b in load_briefs(conn, studio.owned.id) if b.rank == 3)
    done = client.post(f"/companies/{studio.owned.slug}/reviews", follow_redirects=False,
                       data={"csrf_token": token, "rank": "3", "status": "GREEN", "brief_version": str(brief.version)})
    assert done.status_code == 303 and "approved" in done.headers["location"]
    page = client.get(done.headers["location"]).text
    card = page[page.index('id="rank-3"'):page.index('id="rank-4"')]
    assert 'data-testid="state">approved<' in card and "GREEN by studio:local" in card
    stale = client.post(f"/companies/{studio.owned.slug}/reviews", follow_redirects=False,
                        data={"csrf_token": token, "rank": "3", "status": "GREEN", "brief_version": "99"})
    assert "review+refused" in stale.headers["location"]


def test_downloads_respect_the_publish_gate(studio: Studio) -> None:
    client = studio.client()
    approved = client.post(f"/api/companies/{studio.owned.slug}/reviews", json={"rank": 1, "status": "GREEN"},
                           headers={"X-CSRF-Token": csrf(client)})
    assert approved.status_code == 201
    manifest = client.get(f"/companies/{studio.owned.slug}/download.json").json()
    shipped = {w["creative_name"] for w in manifest["winners"]}
    held = {h["creative_name"] for h in manifest["publish_gate"]["held_back"]}
    assert shipped and held and not shipped & held  # only approved creatives ship
    csv = client.get(f"/companies/{studio.owned.slug}/download.csv").text.splitlines()
    assert len(csv) == 1 + len(shipped)
    archive = client.get(f"/companies/{studio.owned.slug}/download.zip")
    assert archive.status_code == 200 and archive.content[:2] == b"PK"
    assert client.get(f"/companies/{studio.owned.slug}/download.exe").status_code == 404


def test_media_urls_never_leave_the_company_or_the_bucket(studio: Studio) -> None:
    client = studio.client()
    slug = studio.owned.slug
    with studio.db.transaction() as conn:
        path = next(m.storage_path for m in load_media(conn, studio.owned.id, ("image",)) if m.ok)
    assert client.get(f"/media/{slug}/{path}").status_code == 200
    attempts = [
        f"/media/{slug}/..%2F..%2F..%2Fetc%2Fpasswd", f"/media/{slug}/%2Fetc%2Fpasswd", f"/media/{slug}/../../pyproject.toml",
        f"/media/{slug}/{path}%00.png", f"/media/{slug}/{path.rsplit('/', 1)[0]}/..%2F..%2F..%2Fstorage",
        f"/media/{studio.other.slug}/{path}",  # an object of another company, asked under that company
        f"/media/{slug}/" + "%2e%2e/" * 6 + "etc/passwd",
    ]
    for url in attempts:
        got = client.get(url)
        assert got.status_code == 404, (url, got.status_code)
        assert b"root:" not in got.content and b"[project]" not in got.content


def test_add_company_form_stores_checked_product_photos(studio: Studio) -> None:
    """The row the sensor picks up, with the brand's photos; a file that is not an image writes nothing."""
    from creative_pipeline.settings import PROJECT_ROOT

    client = studio.client()
    token = csrf(client)
    photo = (PROJECT_ROOT / "creative_pipeline/demo/sample_site/img/cold-brew-bottle.jpg").read_bytes()
    form = {"csrf_token": token, "url": "https://photos.example", "uvp": "Cold brew, bottled.", "name": "Photo Co"}
    fake = client.post("/companies", data=form, files=[("images", ("bottle.jpg", b"<html>not a photo</html>", "image/jpeg"))],
                       follow_redirects=False)
    assert fake.status_code == 303 and "company+not+added" in fake.headers["location"]
    assert "bottle.jpg" in fake.headers["location"] and "cp-studio-upload" not in fake.headers["location"]
    added = client.post("/companies", data=form, files=[("images", ("../bottle.jpg", photo, "image/jpeg"))],
                        follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"].startswith("/companies/photo-co")
    with studio.db.transaction() as conn:
        companies = conn.execute("select id, pipeline_launched_at from companies where url = 'https://photos.example'").fetchall()
        assets = conn.execute("select kind, storage_path from brand_assets where company_id = %s",
                              (companies[0]["id"],)).fetchall()
    assert len(companies) == 1 and companies[0]["pipeline_launched_at"] is None  # left for the sensor
    assert [a["kind"] for a in assets] == ["product"]
    assert studio.resources["supabase"].storage().get(assets[0]["storage_path"]) == photo
