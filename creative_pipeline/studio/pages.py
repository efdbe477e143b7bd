"""The studio's pages: Companies, Company (winners, reviews, live stages, downloads), Performance,
media bytes, and sign-in. Forms POST and redirect (303) back, so a reload never re-submits."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.exceptions import HTTPException
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from pydantic import ValidationError

from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.services.stage_runs import dagster_partition_url, dagster_run_url
from creative_pipeline.services.studio_access import UnknownCompany, Viewer
from creative_pipeline.services.studio_actions import (
    ReviewRequest, StaleBrief, add_company_for, download, media_object, review_winner,
)
from creative_pipeline.services.studio_performance import UploadRefused, performance_page, upload_export
from creative_pipeline.services.studio_views import companies_overview, company_page
from creative_pipeline.studio.app import templates
from creative_pipeline.studio.auth import ACCESS_COOKIE, BadToken, current_viewer, verify_token
from creative_pipeline.studio.csrf import csrf_token, require_csrf, set_csrf_cookie

router = APIRouter()
signed_in = [Depends(current_viewer)]
post_guard = [Depends(current_viewer), Depends(require_csrf)]  # 401 before 403


def page(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> Response:
    state = request.app.state.studio
    response = templates.TemplateResponse(request, template, {
        **context, "csrf": csrf_token(request), "auth": state.settings.studio_auth,
        "notice": request.query_params.get("notice"), "error": request.query_params.get("error"),
        "dagster_partition_url": lambda key, stage="winners": dagster_partition_url(state.settings.dagster_ui_url, key, stage),
        "dagster_run_url": lambda run_id: dagster_run_url(state.settings.dagster_ui_url, run_id),
        "quote": quote,
    }, status_code=status_code)
    set_csrf_cookie(request, response)
    return response


def back(path: str, **message: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?{urlencode(message)}" if message else path, status_code=303)


def _not_found(exc: Exception) -> HTTPException:
    return HTTPException(404, str(exc))


@router.get("/", dependencies=signed_in)
def companies(request: Request, viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    lines = companies_overview(s.db, viewer, s.settings.company_budget_usd or None)
    return page(request, "companies.html", {"lines": lines, "viewer": viewer})


@router.post("/companies", dependencies=post_guard)
async def add_company(request: Request, url: str = Form(...), uvp: str = Form(...), name: str = Form(""),
                      budget_usd: str = Form(""), images: list[UploadFile] = File(default=[]),
                      viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    files = [(f.filename or "image", await f.read()) for f in images if f.filename]  # an empty picker sends ""
    try:
        company_in = CompanyIn(url=url, uvp=uvp, name=name.strip() or None,
                               budget_usd=float(budget_usd) if budget_usd.strip() else None)
        company = await run_in_threadpool(add_company_for, s.db, viewer, s.storage, company_in, files)
    except (ValidationError, ValueError) as exc:  # includes BrandInputRefused and UnknownUser
        reason = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()) \
            if isinstance(exc, ValidationError) else str(exc)
        return back("/", error=f"company not added: {reason}")
    return back(f"/companies/{quote(company.slug)}",
                notice=f"{company.slug} added: the new-companies sensor launches its run (make dev runs the sensors)")


@router.get("/companies/{key}", dependencies=signed_in)
def company(request: Request, key: str, viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    try:
        data = company_page(s.db, viewer, s.storage, key, s.resources["media"], s.settings.signed_url_ttl_s)
    except UnknownCompany as exc:
        raise _not_found(exc) from exc
    return page(request, "company.html", {"p": data, "viewer": viewer})


@router.post("/companies/{key}/reviews", dependencies=post_guard)
def review(request: Request, key: str, rank: int = Form(...), status: str = Form(...), feedback: str = Form(""),
           brief_version: int | None = Form(None), viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    target = f"/companies/{quote(key)}"
    try:
        body = ReviewRequest(rank=rank, status=status, feedback=feedback.strip() or None, brief_version=brief_version)
        stored = review_winner(s.db, viewer, s.resources["gemini"], key, body)
    except UnknownCompany as exc:
        raise _not_found(exc) from exc
    except StaleBrief as exc:
        return back(target, error=f"review refused: {exc}")
    except (ValidationError, LookupError, ValueError) as exc:
        return back(target, error=f"review not recorded: {exc}")
    label = {"GREEN": "approved", "YELLOW": "sent back for revision", "RED": "rejected (a new brief was rolled)"}
    return back(target, notice=f"rank {rank}: {label[stored.status]} ({stored.creative_name})")


@router.get("/companies/{key}/download.{fmt}", dependencies=signed_in)
def download_export(request: Request, key: str, fmt: str, all: bool = False,
                    viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    try:
        body, content_type, name = download(s.db, viewer, s.storage, key, fmt, s.settings.signed_url_ttl_s, all)
    except UnknownCompany as exc:
        raise _not_found(exc) from exc
    except LookupError as exc:
        raise _not_found(exc) from exc
    return Response(body, media_type=content_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/media/{key}/{path:path}", dependencies=signed_in)
def media(request: Request, key: str, path: str, viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    try:
        data, content_type = media_object(s.db, viewer, s.storage, key, path)
    except LookupError as exc:  # includes UnknownCompany: the same 404 whatever was wrong
        raise HTTPException(404, "no such media object") from exc
    return Response(data, media_type=content_type, headers={"Cache-Control": "private, max-age=300",
                                                            "X-Content-Type-Options": "nosniff"})


@router.get("/performance", dependencies=signed_in)
def performance(request: Request, viewer: Viewer = Depends(current_viewer)) -> Response:
    return page(request, "performance.html", {"p": performance_page(request.app.state.studio.db, viewer)})


@router.post("/performance/uploads", dependencies=post_guard)
async def upload(request: Request, file: UploadFile = File(...), platform: str = Form("auto"),
                 viewer: Viewer = Depends(current_viewer)) -> Response:
    s = request.app.state.studio
    limit = s.settings.studio_upload_max_bytes
    data = await file.read(limit + 1)
    try:
        row = upload_export(s.db, viewer, s.exports, data, file.filename or "export.csv", platform, limit)
    except UploadRefused as exc:
        return back("/performance", error=f"upload refused: {exc}")
    return back("/performance", notice=f"{row.file_name} stored; import {row.id} is pending — the uploads sensor imports it")


@router.get("/signin")
def signin_page(request: Request) -> Response:
    return page(request, "signin.html", {"reason": None})


@router.post("/signin", dependencies=[Depends(require_csrf)])
def signin(request: Request, token: str = Form(...)) -> Response:
    """Keep a Supabase Auth access token in an HttpOnly cookie (pasted, or posted by a sign-in flow)."""
    try:
        state = request.app.state.studio
        verify_token(token.strip(), state.settings.supabase_jwt_secret or "", state.jwks)
    except BadToken as exc:
        return page(request, "signin.html", {"reason": str(exc)}, status_code=401)
    response = back("/")
    response.set_cookie(ACCESS_COOKIE, token.strip(), httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/signout", dependencies=post_guard)
def signout() -> Response:
    response = back("/signin")
    response.delete_cookie(ACCESS_COOKIE, path="/")
    return response
