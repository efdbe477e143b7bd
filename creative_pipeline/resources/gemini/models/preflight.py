"""`check-models`: ask the service about every configured model before anything is spent.

Per setting: `models.get` (404 -> retired or unknown), then, for text and image models, a
minimal call that costs nothing: `countTokens` on "ping" — `get` still lists a model that is
closed to new users, and only a call on the model tells (our choice: countTokens rather than a
1-token generateContent, because it is free and cannot render an image; whether the live
service refuses countTokens exactly like generateContent for closed models could not be
verified without a key — a closed model is still caught by its first real call, whose 404 is
a RetiredModelError too). Video models are checked with `get` only.

The result is cached in a JSON file keyed by the model ids (and endpoint) for `ttl_s`, so a run
checks once and later steps and runs read the cache: a retired model fails a run at once, with
at most a few requests and no retries.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Literal

from google.genai import errors as genai_errors
from pydantic import BaseModel

from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.resources.gemini.errors import RetiredModelError, is_model_gone, suggested_in

Status = Literal["ok", "retired", "unknown", "error"]
CALL_CHECKED = ("GEMINI_TEXT_MODEL", "GEMINI_CHEAP_TEXT_MODEL", "GEMINI_IMAGE_MODEL")


class ModelCheck(BaseModel):
    setting: str
    model: str
    status: Status
    message: str = ""
    suggested: str | None = None
    model_version: str | None = None


def _gone(setting: str, model: str, exc: genai_errors.APIError) -> ModelCheck:
    text = exc.message or ""
    status: Status = "retired" if "no longer available" in text.lower() or catalog.successor(model) else "unknown"
    return ModelCheck(setting=setting, model=model, status=status, message=f"{exc.code} {exc.status}: {text}",
                      suggested=suggested_in(text) or catalog.successor(model))


async def check_model(client, setting: str, model: str) -> ModelCheck:  # noqa: ANN001 - a genai.Client
    """One setting's verdict; never raises for a provider answer."""
    try:
        await client.aio.models.get(model=model)
        if setting in CALL_CHECKED:
            await client.aio.models.count_tokens(model=model, contents="ping")
    except genai_errors.APIError as exc:
        if is_model_gone(exc.code, exc.message):
            return _gone(setting, model, exc)
        return ModelCheck(setting=setting, model=model, status="error", message=f"{exc.code} {exc.status}: {exc.message}")
    except Exception as exc:  # noqa: BLE001 - transport trouble is an "error" verdict, not a crash
        return ModelCheck(setting=setting, model=model, status="error", message=f"{type(exc).__name__}: {exc}")
    return ModelCheck(setting=setting, model=model, status="ok")


async def check_models(client, models: dict[str, str]) -> list[ModelCheck]:  # noqa: ANN001
    return [await check_model(client, setting, model) for setting, model in models.items()]


class CheckCache:
    """check-models verdicts on disk, keyed by endpoint + sorted (setting, model) pairs."""

    def __init__(self, path: Path | None, ttl_s: float) -> None:
        self.path, self.ttl_s = path, ttl_s

    @staticmethod
    def key(endpoint: str, models: dict[str, str]) -> str:
        return endpoint + "|" + ",".join(f"{k}={v}" for k, v in sorted(models.items()))

    def _all(self) -> dict:
        try:
            return json.loads(self.path.read_text()) if self.path and self.path.exists() else {}
        except (OSError, ValueError):
            return {}

    def get(self, key: str) -> list[ModelCheck] | None:
        entry = self._all().get(key)
        if not entry or time.time() - entry["at"] > self.ttl_s:
            return None
        return [ModelCheck.model_validate(c) for c in entry["checks"]]

    def put(self, key: str, checks: list[ModelCheck]) -> None:
        if self.path is None:
            return
        data = {k: v for k, v in self._all().items() if time.time() - v["at"] <= self.ttl_s}
        data[key] = {"at": time.time(), "checks": [c.model_dump() for c in checks]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        tmp.replace(self.path)


def first_failure(checks: list[ModelCheck]) -> RetiredModelError | None:
    """The error that stops a run: the first model the service does not serve (retired or
    unknown). A transient "error" (429, 5xx, network) does not stop a run — its own calls have
    retries — but it is not cached either, so the next step checks again."""
    for check in checks:
        if check.status in ("retired", "unknown"):
            return RetiredModelError(check.model, setting=check.setting, suggested=check.suggested,
                                     detail=f"check-models: {check.status}: {check.message}")
    return None


async def preflight(client, models: dict[str, str], cache: CheckCache, endpoint: str) -> list[ModelCheck]:  # noqa: ANN001
    """Check (or read the cached check of) every model; raise RetiredModelError if one fails.
    Only all-ok verdicts are cached: a failure is re-checked next time, after the operator's fix."""
    key = CheckCache.key(endpoint, models)
    checks = cache.get(key)
    if checks is None:
        checks = await check_models(client, models)
        if all(c.status == "ok" for c in checks):
            cache.put(key, checks)
    failure = first_failure(checks)
    if failure is not None:
        raise failure
    return checks
