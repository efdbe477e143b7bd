"""The studio's FastAPI application: state (settings, database, resources, storage), the routes
(pages.py, api.py), static files, and the answers to refusals (401 shows the sign-in page to a
browser; JSON to a script)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from creative_pipeline.resources.supabase.buckets import EXPORTS_BUCKET
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.jwks import JwksKeys
from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.settings import Settings

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


@dataclass
class StudioState:
    settings: Settings
    db: Database
    resources: dict[str, Any]
    storage: ObjectStorage  # the creatives bucket
    exports: ObjectStorage  # ad-platform exports, picked up by performance_uploads_sensor
    jwks: JwksKeys | None = None  # the project's public signing keys, cached for the process (auth.py)


def build_state(settings: Settings, db: Database | None = None, resources: dict[str, Any] | None = None) -> StudioState:
    from creative_pipeline.resources.build import build_resources
    from creative_pipeline.services.runtime import database

    resources = resources or build_resources(settings)
    supabase = resources["supabase"]
    jwks = (JwksKeys(settings.jwks_url, ttl_s=settings.supabase_jwks_ttl_s,
                     refetch_cooldown_s=settings.supabase_jwks_refetch_cooldown_s)
            if settings.studio_auth == "supabase" and settings.jwks_url else None)
    return StudioState(settings=settings, db=db or database(settings), resources=resources,
                       storage=supabase.storage(), exports=supabase.storage(EXPORTS_BUCKET), jwks=jwks)


def create_app(state: StudioState) -> FastAPI:
    from creative_pipeline.studio import api, pages

    app = FastAPI(title="creative_pipeline studio", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.studio = state
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)

    @app.exception_handler(HTTPException)
    async def refused(request: Request, exc: HTTPException) -> Response:
        wants_html = "text/html" in request.headers.get("accept", "") and not request.url.path.startswith("/api/")
        if exc.status_code == 401 and wants_html:
            return pages.page(request, "signin.html", {"reason": exc.detail}, status_code=401)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    from creative_pipeline.studio.limits import BodyLimit

    app.add_middleware(BodyLimit, max_bytes=state.settings.studio_upload_max_bytes)
    return app
