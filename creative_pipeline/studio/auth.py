"""Who is asking. `STUDIO_AUTH=off` (the local default): the local operator, and the server binds a
loopback address only (studio/server.py). `STUDIO_AUTH=supabase`: every request carries a Supabase
Auth access token — `Authorization: Bearer <jwt>` (scripts) or the `studio_access_token` cookie
(the sign-in page sets it) — verified here: HS256 with SUPABASE_JWT_SECRET (the legacy secret), RS256
or ES256 with the key its `kid` names in the project's JWKS (resources/supabase/jwks.py). The header's
`alg` picks the path, and each path allows only its own algorithms, so a token cannot choose `none`
or have an HS256 signature checked with a public key as the secret.

Supabase access tokens carry `sub` (the user id), `aud` "authenticated", `role` "authenticated",
`exp` and `email` (Supabase docs, "JWT Claims Reference"; the header's `alg` is HS256, ES256 or RS256
with a `kid` — "JSON Web Token" and "JWT Signing Keys"; checked 2026-12-04)."""

from __future__ import annotations

from uuid import UUID

import jwt
from fastapi import HTTPException, Request

from creative_pipeline.resources.supabase.jwks import JwksKeys, UnknownKey
from creative_pipeline.services.studio_access import Viewer

ACCESS_COOKIE = "studio_access_token"
AUDIENCE = "authenticated"
SYMMETRIC = "HS256"
ASYMMETRIC = ("RS256", "ES256")


class BadToken(ValueError):
    """A token that does not prove a signed-in user; the reason is for logs and the 401 body."""


def _signing_key(token: str, secret: str, jwks: JwksKeys | None) -> tuple[object, str]:
    """The key to check the signature with and the one algorithm allowed, from the header's `alg`."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise BadToken(f"access token refused: {exc}") from exc
    alg = header.get("alg")
    if alg == SYMMETRIC:
        if not secret:
            raise BadToken("access token refused: HS256 tokens need SUPABASE_JWT_SECRET, which is not set")
        return secret, alg
    if alg not in ASYMMETRIC:
        raise BadToken(f"access token refused: algorithm {alg!r} is not allowed (HS256, RS256, ES256)")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise BadToken(f"access token refused: an {alg} token must name its key (kid)")
    if jwks is None:
        raise BadToken(f"access token refused: {alg} tokens need the project's JWKS (SUPABASE_URL or SUPABASE_JWKS_URL)")
    try:
        key = jwks.key(kid)
    except UnknownKey as exc:
        raise BadToken(f"access token refused: {exc}") from exc
    if key.algorithm_name != alg:  # an RSA key never verifies an ES256 token, nor the reverse
        raise BadToken(f"access token refused: key {kid!r} is for {key.algorithm_name}, the token says {alg}")
    return key.key, alg


def verify_token(token: str, secret: str, jwks: JwksKeys | None = None) -> Viewer:
    key, alg = _signing_key(token, secret, jwks)
    try:
        claims = jwt.decode(token, key, algorithms=[alg], audience=AUDIENCE,  # type: ignore[arg-type]
                            options={"require": ["exp", "sub"]})
    except jwt.PyJWTError as exc:
        raise BadToken(f"access token refused: {exc}") from exc
    if claims.get("role") != "authenticated":
        raise BadToken("access token refused: role is not 'authenticated' (anon and service keys are not users)")
    try:
        user_id = UUID(str(claims["sub"]))
    except ValueError as exc:
        raise BadToken("access token refused: sub is not a user id") from exc
    return Viewer(user_id=user_id, email=claims.get("email"))


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def current_viewer(request: Request) -> Viewer:
    """FastAPI dependency: the viewer, or 401 (no token, or one that does not verify)."""
    settings = request.app.state.studio.settings
    if settings.studio_auth == "off":
        return Viewer()
    token = bearer_token(request) or request.cookies.get(ACCESS_COOKIE)
    if not token:
        raise HTTPException(401, "sign in: this studio needs a Supabase Auth access token",
                            headers={"WWW-Authenticate": "Bearer"})
    try:
        return verify_token(token, settings.supabase_jwt_secret or "", request.app.state.studio.jwks)
    except BadToken as exc:
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc


def mint_token(user_id: UUID, secret: str, *, email: str | None = None, ttl_s: int = 3600) -> str:
    """An access token shaped like Supabase Auth's, signed with `secret` — for local tests and
    trying STUDIO_AUTH=supabase without an Auth server (`creative-pipeline studio-token`)."""
    import time

    now = int(time.time())
    claims = {"sub": str(user_id), "aud": AUDIENCE, "role": "authenticated", "iat": now, "exp": now + ttl_s,
              "iss": "creative_pipeline/local", **({"email": email} if email else {})}
    return jwt.encode(claims, secret, algorithm="HS256")
