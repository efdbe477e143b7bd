"""CSRF protection by double-submit cookie: every page sets a random `studio_csrf` cookie (readable
by the page's JS, SameSite=Strict) and every POST must send the same value back, in the form field
`csrf_token` or the `X-CSRF-Token` header. Another site can make a browser send the cookie, never
read it, so it cannot forge the matching field.

A request carrying `Authorization: Bearer` is exempt: browsers never attach that header by
themselves, so such a request was written by a script that holds the token."""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request, Response

from creative_pipeline.studio.auth import bearer_token

CSRF_COOKIE = "studio_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def csrf_token(request: Request) -> str:
    """The request's token (the cookie's, or a new one `set_csrf_cookie` will send)."""
    token = getattr(request.state, "csrf", None) or request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    request.state.csrf = token
    return token


def set_csrf_cookie(request: Request, response: Response) -> None:
    token = csrf_token(request)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, samesite="strict", httponly=False,
                            secure=request.url.scheme == "https", path="/")


async def require_csrf(request: Request) -> None:
    """FastAPI dependency for every state-changing route."""
    if request.method in SAFE_METHODS or bearer_token(request):
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise HTTPException(403, "CSRF check failed: the form's token does not match this browser's — reload the page")
