"""Who is asking. `STUDIO_AUTH=off` (the local default): the local operator, and the server binds a
loopback address only (studio/server.py). `STUDIO_AUTH=supabase`: every request carries a Supabase
Auth access token — `Authorization: Bearer <jwt>` (scripts) or the `studio_access_token` cookie
(the sign-in page sets it) — verified here with SUPABASE_JWT_SECRET (HS256).

Supabase access tokens carry `sub` (the user id), `aud` "authenticated", `role` "authenticated",
`exp` and `email` (Supabase docs, "JWT Claims Reference", checked 2026-12-04). A project on
asymmetric signing keys would verify against its JWKS instead; not built here (docs/studio.md)."""

from __future__ import annotations

from uuid import UUID

import jwt
from fastapi import HTTPException, Request

from creative_pipeline.services.studio_access import Viewer

ACCESS_COOKIE = "studio_access_token"
AUDIENCE = "authenticated"


class BadToken(ValueError):
    """A token that does not prove a signed-in user; the reason is for logs and the 401 body."""


def verify_token(token: str, secret: str) -> Viewer:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], audience=AUDIENCE,
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
        return verify_token(token, settings.supabase_jwt_secret or "")
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
