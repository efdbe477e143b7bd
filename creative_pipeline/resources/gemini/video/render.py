"""Durable video renders: the provider's render id is stored before polling, so a crash, a
deadline or a step retry polls that render again instead of paying for a new one.

For one brief: a stored render of the same brief (company, creative name, brief hash, backend,
the video model or one of its fallbacks) still `submitted` — or `done` but not yet in storage — is polled by its id. One older
than the provider keeps results (~2 days, VIDEO_RESULT_RETENTION_H) is marked `expired` and the
item fails saying so; it is never silently re-submitted (`force` pays for a new render). Only
when nothing usable is stored is a render submitted; the moment the provider accepts it the
id is stored and the render is booked in `api_usage` (the provider may bill it whatever we do).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import time

import httpx
from google.genai import errors as genai_errors

from creative_pipeline.domain.brief import VideoBrief
from creative_pipeline.resources.gemini.sdk.text_client import MAX_RETRY_DELAY_S, GeminiTextClient
from creative_pipeline.resources.gemini.sdk.text_client import _Overloaded as Overloaded
from creative_pipeline.resources.gemini.errors import (
    GenerationFailed,
    PermanentProviderError,
    ProviderOutage,
    retry_delay_seconds,
)
from creative_pipeline.resources.gemini.spend.pricing import video_cost
from creative_pipeline.resources.gemini.spend.rate_limit import backoff_seconds
from creative_pipeline.resources.gemini.video.render_store import RenderKey, RenderStore
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.gemini.spend.ledger import CallUsage
from creative_pipeline.resources.gemini.video.backends import RenderRequest, RenderState, VideoBackend


def video_brief_sha(brief: VideoBrief) -> str:
    return hashlib.sha256(json.dumps(brief.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


class VideoRenderer:
    def __init__(self, text: GeminiTextClient, backend: VideoBackend, *, poll_interval_s: float, deadline_s: float,
                 retention_h: float) -> None:
        self.text, self.backend = text, backend
        self.poll_interval_s, self.deadline_s, self.retention_h = poll_interval_s, deadline_s, retention_h

    async def render(self, model: str, brief: VideoBrief, request: RenderRequest, creative_name: str,
                     store: RenderStore | None, force: bool = False) -> MediaResult:
        """`model`, else the video fallbacks in order while the one before has its breaker open or
        answers "model overloaded". A render of this brief accepted earlier under any model of that
        chain is polled (never paid again); the result names the model that rendered it and why."""
        chain = [model] + [m for m in self.text.config.fallback_models.get("video", []) if m != model]
        keys = [RenderKey(creative_name=creative_name, brief_sha=video_brief_sha(brief), backend=self.backend.name,
                          model=m) for m in chain]
        started = time.monotonic()
        found = [(k, s) for k in keys if store and (s := store.find(k)) is not None]
        usable = [(k, s) for k, s in found if s.status in ("submitted", "expired") or (s.status == "done" and not force)]
        if usable:
            key, stored = max(usable, key=lambda ks: ks[1].submitted_at)
            why = None if key.model == model else f"fallback from {model}: render accepted by {key.model} in an earlier run"
            age_h = (dt.datetime.now(dt.timezone.utc) - stored.submitted_at).total_seconds() / 3600
            if stored.status == "expired" or age_h > self.retention_h:
                if store and stored.status != "expired":
                    store.finished(key, stored.provider_render_id, "expired", "older than the provider keeps results")
                if not force:
                    return self._failed(key.model, f"render {stored.provider_render_id} expired at the provider "
                                        f"({age_h:.0f} h old); re-run ad_videos with force to pay for a new one",
                                        started, render_id=stored.provider_render_id)
            else:
                result = await self._finish(key.model, key, stored.provider_render_id, store, started, stored.cost_usd)
                return result.model_copy(update={"fallback_reason": why})
        note = None
        for position, key in enumerate(keys):
            cost = video_cost(key.model, request.duration_s, request.resolution)
            try:  # the ceiling is reserved against the budget; the render is booked when accepted
                render_id = await self.text.with_retries(
                    key.model, "video", lambda m=key.model: self.backend.submit(m, request), ceiling_usd=cost,
                    overload_escape=position < len(keys) - 1)
            except ProviderOutage as exc:  # breaker open: the next model, or the step fails
                if position == len(keys) - 1:
                    raise
                note = f"fallback from {key.model}: circuit open ({exc.reason[:160]})"
                continue
            except Overloaded as exc:
                note = f"fallback from {key.model}: model overloaded ({exc})"
                continue
            except PermanentProviderError:  # bad key, retired model: the step fails, not the item
                raise
            except GenerationFailed as exc:  # already in the ledger, attempt by attempt
                return MediaResult(content_type="video/mp4", provider="gemini", model=key.model, error=exc.reason,
                                   attempts=exc.attempts, fallback_reason=note)
            if store:
                store.accepted(key, render_id, request.duration_s, request.resolution, cost, self.text.ledger.step)
            else:  # no durable store (direct use): book it in the step's ledger
                self.text.ledger.record(CallUsage(step=self.text.ledger.step, provider="gemini", model=key.model,
                                                  kind="video", cost_usd=cost, error=f"accepted {render_id}", note=note))
            result = await self._finish(key.model, key, render_id, store, started, cost)
            return result.model_copy(update={"fallback_reason": note})
        raise AssertionError("unreachable: the last model either returns or raises")

    async def _finish(self, model: str, key: RenderKey, render_id: str, store: RenderStore | None, started: float,
                      cost: float) -> MediaResult:
        try:
            state = await self._poll(model, render_id, started)
        except TimeoutError as exc:
            return self._failed(model, f"{exc}; the render continues and the next run of ad_videos polls "
                                f"{render_id} instead of paying again", started, cost, render_id)
        except (genai_errors.APIError, httpx.HTTPError) as exc:
            return self._failed(model, f"polling {render_id}: {type(exc).__name__}: {exc}", started, cost, render_id)
        if state.state == "failed":
            if store:
                store.finished(key, render_id, "failed", state.error)
            return self._failed(model, state.error or "render failed", started, cost, render_id)
        try:
            data = await self.backend.download(state)
        except (genai_errors.APIError, httpx.HTTPError) as exc:
            return self._failed(model, f"download failed: {type(exc).__name__}: {exc}", started, cost, render_id)
        if not data:
            return self._failed(model, f"the video {state.uri or ''} downloaded empty", started, cost, render_id)
        if store:
            store.finished(key, render_id, "done", model_version=state.model_version)
        self.text.ledger.record(CallUsage(  # cost booked at acceptance; this row records the outcome
            step=self.text.ledger.step, provider="gemini", model=model, kind="video",
            latency_ms=int((time.monotonic() - started) * 1000), model_version=state.model_version))
        return MediaResult(data=data, content_type="video/mp4", provider="gemini", model=model, cost_usd=cost,
                           model_version=state.model_version, render_id=render_id)

    async def _poll(self, model: str, render_id: str, started: float) -> RenderState:
        """Ask until done/failed or the deadline; 429/5xx/transport failures are waited out (the
        render keeps running server-side and is billed)."""
        failures = 0
        first = True
        while True:
            remaining = self.deadline_s - (time.monotonic() - started)
            if remaining <= 0:
                raise TimeoutError(f"video not ready after {self.deadline_s:.0f} s (deadline)")
            if not first:
                await asyncio.sleep(min(self.poll_interval_s, remaining))
            first = False
            try:
                state = await self.backend.poll(model, render_id)
            except genai_errors.ClientError as exc:
                if exc.code != 429:
                    raise
                delay = retry_delay_seconds(exc.details)
            except (genai_errors.ServerError, httpx.TransportError):
                delay = None
            else:
                failures = 0
                if state.state != "running":
                    return state
                continue
            failures += 1
            delay = delay or backoff_seconds(failures, base=self.text.config.backoff_base_s)
            await asyncio.sleep(max(0.0, min(delay, MAX_RETRY_DELAY_S, self.deadline_s - (time.monotonic() - started))))

    def _failed(self, model: str, reason: str, started: float, cost_usd: float = 0.0,
                render_id: str | None = None) -> MediaResult:
        self.text.ledger.record(CallUsage(
            step=self.text.ledger.step, provider="gemini", model=model, kind="video",
            latency_ms=int((time.monotonic() - started) * 1000), status="failed", error=reason,
        ))
        return MediaResult(content_type="video/mp4", provider="gemini", model=model, error=reason, cost_usd=cost_usd,
                           render_id=render_id)
