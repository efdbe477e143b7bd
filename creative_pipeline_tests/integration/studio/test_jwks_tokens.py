"""STUDIO_AUTH=supabase with a project on asymmetric signing keys: RS256 and ES256 access tokens are
verified against the JWKS a real HTTP server on 127.0.0.1 publishes at
`/auth/v1/.well-known/jwks.json` (the path Supabase uses, checked 2026-12-04), RLS then decides as
that user; a forged signature, an unknown kid (after one refetch, counted on the server), `alg: none`
and algorithms not allowed get 401; HS256 tokens still verify with SUPABASE_JWT_SECRET."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi.testclient import TestClient
from pytest_httpserver import HTTPServer

from creative_pipeline.settings import Settings
from creative_pipeline_tests.integration.studio.conftest import Studio

pytestmark = pytest.mark.xdist_group("studio_jwks")

JWKS_PATH = "/auth/v1/.well-known/jwks.json"
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())


def public_jwk(private_key: object, kid: str, alg: str) -> dict:
    algorithm = jwt.algorithms.RSAAlgorithm if alg == "RS256" else jwt.algorithms.ECAlgorithm
    jwk = json.loads(algorithm.to_jwk(private_key.public_key()))  # type: ignore[attr-defined]
    return {**jwk, "kid": kid, "alg": alg, "use": "sig"}


@pytest.fixture(scope="module")
def auth_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(JWKS_PATH).respond_with_json(
        {"keys": [public_jwk(RSA_KEY, "rsa-1", "RS256"), public_jwk(EC_KEY, "ec-1", "ES256")]})
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def fetches(server: HTTPServer) -> int:
    return sum(1 for request, _ in server.log if request.path == JWKS_PATH)


def signed(user: uuid.UUID, key: object, alg: str, kid: str | None, **claims: object) -> str:
    now = int(time.time())
    body = {"sub": str(user), "aud": "authenticated", "role": "authenticated", "iat": now, "exp": now + 600,
            "email": f"{str(user)[:8]}@example.test", **claims}
    return jwt.encode(body, key, algorithm=alg, headers={"kid": kid} if kid else None)  # type: ignore[arg-type]


def client(studio: Studio, server: HTTPServer, **changes: object) -> TestClient:
    """The studio with SUPABASE_URL pointing at the local server: the JWKS URL is derived from it."""
    return studio.client(auth=True, supabase_url=server.url_for("").rstrip("/"), **changes)


def companies(c: TestClient, token: str) -> tuple[int, set[str]]:
    got = c.get("/api/companies", headers={"Authorization": f"Bearer {token}"})
    return got.status_code, ({r["status"]["partition_key"] for r in got.json()} if got.status_code == 200 else set())


def test_the_jwks_url_defaults_to_the_projects_auth_path() -> None:
    assert Settings(SUPABASE_URL="https://ref.supabase.co/").jwks_url == "https://ref.supabase.co" + JWKS_PATH
    assert Settings(SUPABASE_URL="https://a.example", SUPABASE_JWKS_URL="https://b.example/k").jwks_url == "https://b.example/k"
    assert Settings().jwks_url is None


def test_rs256_and_es256_tokens_verify_against_the_served_keys_and_rls_decides(
        studio: Studio, auth_server: HTTPServer) -> None:
    c = client(studio, auth_server)
    before = fetches(auth_server)
    assert companies(c, signed(studio.user_a, RSA_KEY, "RS256", "rsa-1")) == (200, {studio.owned.slug})
    assert companies(c, signed(studio.user_b, EC_KEY, "ES256", "ec-1")) == (200, {studio.other.slug})
    page = c.get(f"/companies/{studio.owned.slug}",
                 headers={"Authorization": f"Bearer {signed(studio.user_b, EC_KEY, 'ES256', 'ec-1')}"})
    assert page.status_code == 404  # user B reads as B: A's company does not exist for them
    assert fetches(auth_server) - before == 1  # one fetch, then the cached set serves both keys
    # an HS256 token still verifies with the secret, beside the JWKS
    assert companies(c, studio.token(studio.user_a)) == (200, {studio.owned.slug})


def test_forged_and_refused_tokens_get_401(studio: Studio, auth_server: HTTPServer) -> None:
    c = client(studio, auth_server)
    other_rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_ec = ec.generate_private_key(ec.SECP256R1())
    a = studio.user_a
    refused = {
        "another RSA key, same kid": signed(a, other_rsa, "RS256", "rsa-1"),
        "another EC key, same kid": signed(a, other_ec, "ES256", "ec-1"),
        "alg none": jwt.encode({"sub": str(a), "aud": "authenticated", "role": "authenticated",
                                "exp": int(time.time()) + 600}, None, algorithm="none", headers={"kid": "rsa-1"}),
        "RS256 without kid": signed(a, RSA_KEY, "RS256", None),
        "ES256 signed, RSA kid": signed(a, EC_KEY, "ES256", "rsa-1"),
        "RS384 not allowed": signed(a, RSA_KEY, "RS384", "rsa-1"),
        "HS384 not allowed": jwt.encode({"sub": str(a), "aud": "authenticated", "role": "authenticated",
                                         "exp": int(time.time()) + 600}, "x" * 64, algorithm="HS384"),
        "expired": signed(a, RSA_KEY, "RS256", "rsa-1", exp=int(time.time()) - 10),
        "wrong audience": signed(a, RSA_KEY, "RS256", "rsa-1", aud="anon"),
        "anon role": signed(a, RSA_KEY, "RS256", "rsa-1", role="anon"),
    }
    for reason, token in refused.items():
        assert companies(c, token)[0] == 401, reason
    assert companies(c, signed(a, RSA_KEY, "RS256", "rsa-1"))[0] == 200  # the same client still accepts the real key


def test_an_unknown_kid_refetches_once_then_401(studio: Studio, auth_server: HTTPServer) -> None:
    c = client(studio, auth_server, supabase_jwks_refetch_cooldown_s=0.0)
    assert companies(c, signed(studio.user_a, RSA_KEY, "RS256", "rsa-1"))[0] == 200
    before = fetches(auth_server)
    got = c.get("/api/companies", headers={"Authorization": f"Bearer {signed(studio.user_a, RSA_KEY, 'RS256', 'rotated-2')}"})
    assert got.status_code == 401 and "rotated-2" in got.json()["detail"]
    assert fetches(auth_server) - before == 1  # exactly one refetch looked for the rotated key


def test_within_the_cooldown_an_unknown_kid_does_not_refetch(studio: Studio, auth_server: HTTPServer) -> None:
    c = client(studio, auth_server)  # the default cooldown (30 s)
    assert companies(c, signed(studio.user_a, RSA_KEY, "RS256", "rsa-1"))[0] == 200
    before = fetches(auth_server)
    for n in range(5):
        assert companies(c, signed(studio.user_a, RSA_KEY, "RS256", f"forged-{n}"))[0] == 401
    assert fetches(auth_server) == before  # forged kids cost the Auth server nothing


def test_a_jwks_alone_is_enough_to_require_sign_in(studio: Studio, auth_server: HTTPServer) -> None:
    c = client(studio, auth_server, supabase_jwt_secret=None)
    assert companies(c, signed(studio.user_a, RSA_KEY, "RS256", "rsa-1")) == (200, {studio.owned.slug})
    assert companies(c, studio.token(studio.user_a))[0] == 401  # no secret: HS256 tokens prove nothing
    assert c.get("/api/companies").status_code == 401
