"""The studio's security, against the real database: STUDIO_AUTH=supabase needs a verified token
(401 without), users see only their own companies and media (RLS decides, reading as the user),
POSTs need the CSRF token, uploads are capped and type-checked, non-loopback binds need sign-in."""

from __future__ import annotations

import pytest

from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline.settings import Settings
from creative_pipeline.studio.auth import mint_token
from creative_pipeline.studio.server import UnsafeBind, check_bind
from creative_pipeline_tests.integration.studio.conftest import Studio

# one worker for the module: its fixture runs the chain once for every test in it
pytestmark = pytest.mark.xdist_group("studio_security")


def bearer(studio: Studio, user) -> dict[str, str]:
    return {"Authorization": f"Bearer {studio.token(user)}"}


def test_every_request_needs_a_valid_token(studio: Studio) -> None:
    client = studio.client(auth=True)
    slug = studio.owned.slug
    for url in ("/", f"/companies/{slug}", "/performance", f"/api/companies/{slug}/stages", "/api/companies",
                f"/companies/{slug}/download.json"):
        assert client.get(url).status_code == 401, url
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 401 and "Access token" in page.text  # a browser gets the sign-in page
    assert client.post(f"/api/companies/{slug}/reviews", json={"rank": 1, "status": "GREEN"}).status_code == 401
    forged = mint_token(studio.user_a, "another-secret-of-sufficient-length-000")
    expired = mint_token(studio.user_a, "studio-test-secret-at-least-32-bytes-long!", ttl_s=-10)
    for token in (forged, expired, "not-a-jwt"):
        assert client.get("/api/companies", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_users_see_only_their_own_companies_and_media(studio: Studio) -> None:
    client = studio.client(auth=True)
    a, b = bearer(studio, studio.user_a), bearer(studio, studio.user_b)
    seen_a = {c["status"]["partition_key"] for c in client.get("/api/companies", headers=a).json()}
    seen_b = {c["status"]["partition_key"] for c in client.get("/api/companies", headers=b).json()}
    assert seen_a == {studio.owned.slug} and seen_b == {studio.other.slug}
    assert "Other Co" not in client.get("/", headers=a).text
    slug = studio.owned.slug
    assert client.get(f"/companies/{slug}", headers=a).status_code == 200
    assert client.get(f"/companies/{slug}", headers=b).status_code == 404
    assert client.get(f"/api/companies/{slug}/stages", headers=b).status_code == 404
    assert client.get(f"/companies/{slug}/download.json", headers=b).status_code == 404
    assert client.get(f"/companies/{slug}/download.json", headers=a).json()["company"]["partition_key"] == slug
    assert client.get("/performance", headers=a).status_code == 200
    with studio.db.transaction() as conn:
        path = next(m.storage_path for m in load_media(conn, studio.owned.id, ("image",)) if m.ok)
    assert client.get(f"/media/{slug}/{path}", headers=a).status_code == 200
    assert client.get(f"/media/{slug}/{path}", headers=b).status_code == 404
    refused = client.post(f"/api/companies/{slug}/reviews", json={"rank": 1, "status": "GREEN"}, headers=b)
    assert refused.status_code == 404
    with studio.db.transaction() as conn:
        n = conn.execute("select count(*) as n from creative_reviews where reviewer = %s", (studio.user_b,)).fetchone()
    assert n["n"] == 0


def test_a_signed_in_review_stores_the_reviewer_id(studio: Studio) -> None:
    client = studio.client(auth=True)
    got = client.post(f"/api/companies/{studio.owned.slug}/reviews", json={"rank": 4, "status": "GREEN"},
                      headers=bearer(studio, studio.user_a))
    assert got.status_code == 201
    assert got.json()["reviewer"] == str(studio.user_a) and got.json()["reviewer_label"].startswith("studio:a-"[:7])


def test_cookie_sign_in_and_csrf(studio: Studio) -> None:
    client = studio.client(auth=True)
    client.get("/signin")
    token = client.cookies["studio_csrf"]
    assert client.post("/signin", data={"token": studio.token(studio.user_b)}).status_code == 403  # no CSRF field
    signed = client.post("/signin", data={"token": studio.token(studio.user_b), "csrf_token": token},
                         follow_redirects=False)
    assert signed.status_code == 303 and "studio_access_token" in signed.headers["set-cookie"]
    assert "HttpOnly" in signed.headers["set-cookie"]
    assert "Other Co" in client.get("/").text  # the cookie now carries user B
    form = {"url": "https://csrf.example", "uvp": "A forged company."}
    assert client.post("/companies", data=form, follow_redirects=False).status_code == 403
    assert client.post("/companies", data={**form, "csrf_token": "wrong"}, follow_redirects=False).status_code == 403
    assert client.post("/api/companies/x/reviews", json={"rank": 1, "status": "GREEN"}).status_code == 403
    added = client.post("/companies", data={**form, "csrf_token": token}, follow_redirects=False)
    assert added.status_code == 303
    with studio.db.transaction() as conn:
        row = conn.execute("select user_id from companies where url = 'https://csrf.example'").fetchone()
    assert row["user_id"] == studio.user_b  # owned by whoever added it


def test_local_default_also_needs_csrf(studio: Studio) -> None:
    """Without sign-in a page on another site could still post to 127.0.0.1: the token stops it."""
    client = studio.client()
    client.get("/")
    response = client.post(f"/companies/{studio.owned.slug}/reviews", data={"rank": "1", "status": "RED"},
                            follow_redirects=False)
    assert response.status_code == 403


def upload(client, data: bytes, name: str, token: str):
    return client.post("/performance/uploads", files={"file": (name, data, "text/csv")},
                       data={"csrf_token": token, "platform": "auto"}, follow_redirects=False)


def test_uploads_are_capped_type_checked_and_left_for_the_sensor(studio: Studio) -> None:
    client = studio.client(studio_upload_max_bytes=2000)
    client.get("/performance")
    token = client.cookies["studio_csrf"]
    too_big = upload(client, b"Ad name,Impressions\n" + b"x,1\n" * 5000, "big.csv", token)
    assert too_big.status_code == 413
    just_over = upload(client, b"Ad name,Impressions\n" + b"x,1\n" * 500, "over.csv", token)  # under the form slack
    assert "upload+refused" in just_over.headers["location"] and "limit" in just_over.headers["location"]
    binary = upload(client, b"MZ\x90\x00\x03\x00\x00\x00" * 10, "tool.exe", token)
    assert "upload+refused" in binary.headers["location"]
    not_table = upload(client, b"\x00\x01\x02", "fake.csv", token)
    assert "upload+refused" in not_table.headers["location"]
    good = upload(client, b"Ad name,Impressions,Clicks\n20261204_X_W01,100,3\n", "../../meta export.csv", token)
    assert good.status_code == 303 and "pending" in good.headers["location"]
    with studio.db.transaction() as conn:
        rows = conn.execute("select file_name, status, source, storage_path from performance_imports").fetchall()
    assert [(r["file_name"], r["status"], r["source"]) for r in rows] == [("meta-export.csv", "pending", "storage")]
    exports = studio.resources["supabase"].storage("performance-exports")
    assert exports.get(rows[0]["storage_path"]).startswith(b"Ad name")
    assert "meta-export.csv" in client.get("/performance").text


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.com", "::"])
def test_a_reachable_address_needs_sign_in(host: str) -> None:
    with pytest.raises(UnsafeBind, match="STUDIO_AUTH=supabase"):
        check_bind(host, Settings())
    check_bind(host, Settings(STUDIO_AUTH="supabase", SUPABASE_JWT_SECRET="s" * 32))
    check_bind("127.0.0.1", Settings())
    check_bind("::1", Settings())
    with pytest.raises(UnsafeBind, match="SUPABASE_JWT_SECRET"):
        check_bind("127.0.0.1", Settings(STUDIO_AUTH="supabase"))
