"""The JSON API under /api/: the same actions as the pages, for the pages' JS and for scripts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse

from creative_pipeline.services.stage_runs import StageState, stage_states
from creative_pipeline.services.studio_access import UnknownCompany, Viewer
from creative_pipeline.services.studio_actions import ReviewRequest, StaleBrief, review_winner
from creative_pipeline.services.studio_views import companies_overview
from creative_pipeline.studio.auth import current_viewer
from creative_pipeline.studio.csrf import require_csrf

router = APIRouter(prefix="/api")


@router.get("/companies")
def companies(request: Request, viewer: Viewer = Depends(current_viewer)) -> list[dict[str, Any]]:
    s = request.app.state.studio
    return [line.model_dump(mode="json") for line in companies_overview(s.db, viewer, s.settings.company_budget_usd or None)]


@router.get("/companies/{key}/stages")
def stages(request: Request, key: str, viewer: Viewer = Depends(current_viewer)) -> list[StageState]:
    try:
        return stage_states(request.app.state.studio.db, viewer, key)
    except UnknownCompany as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post("/companies/{key}/reviews", status_code=201, dependencies=[Depends(current_viewer), Depends(require_csrf)])
def review(request: Request, key: str, body: ReviewRequest, viewer: Viewer = Depends(current_viewer)) -> JSONResponse:
    """201 with the stored review; 409 when `brief_version` is no longer the brief's version."""
    s = request.app.state.studio
    try:
        stored = review_winner(s.db, viewer, s.resources["gemini"], key, body)
    except UnknownCompany as exc:
        raise HTTPException(404, str(exc)) from exc
    except StaleBrief as exc:
        raise HTTPException(409, str(exc)) from exc
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    return JSONResponse(stored.model_dump(mode="json"), status_code=201)
