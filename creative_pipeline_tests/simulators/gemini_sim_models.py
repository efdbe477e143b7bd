"""The simulator's model catalogue: which ids are served, which are gone, and how it says so.

As the Gemini API did on 2026-11-30 (see docs/issue 7 note):
- served: the 3.x text models, Nano Banana, Omni Flash, Veo 3.1 GA (Vertex names);
- closed to new users: listed by `models.get`, but a call answers 404 NOT_FOUND "This model
  models/gemini-2.5-flash is no longer available to new users..." (the exact public report);
- shut down: every endpoint answers 404 NOT_FOUND "This model models/X is no longer
  available. Please update your code to use a newer model...";
- unknown ids: `models.get` answers 404 "models/X is not found for API version v1beta..."
  (calls too when `strict_models` is on; off by default so ad-hoc test ids keep working);
- routed: some older 3.x ids are served by a newer model, and `modelVersion` says which.
"""

from __future__ import annotations

from typing import Any

SERVED: dict[str, dict[str, Any]] = {
    "gemini-3.8-flash": {"version": "3.8", "displayName": "Gemini 3.8 Flash", "kind": "text"},
    "gemini-3.5-flash-lite": {"version": "3.5", "displayName": "Gemini 3.5 Flash-Lite", "kind": "text"},
    "gemini-3.5-flash": {"version": "3.5", "displayName": "Gemini 3.5 Flash", "kind": "text"},
    "gemini-3.7-flash": {"version": "3.7", "displayName": "Gemini 3.7 Flash", "kind": "text"},
    "gemini-nano-banana-2.1": {"version": "2.1", "displayName": "Nano Banana 2.1", "kind": "image"},
    "gemini-3-pro-image": {"version": "3", "displayName": "Gemini 3 Pro Image", "kind": "image"},
    "gemini-omni-1.1-flash": {"version": "1.1", "displayName": "Gemini Omni 1.1 Flash", "kind": "video"},
    "gemini-omni-1.2-flash": {"version": "1.2", "displayName": "Gemini Omni 1.2 Flash", "kind": "video"},
    "veo-3.1-generate-001": {"version": "3.1", "displayName": "Veo 3.1", "kind": "veo"},
    "veo-3.1-fast-generate-001": {"version": "3.1", "displayName": "Veo 3.1 Fast", "kind": "veo"},
}
CLOSED_TO_NEW_USERS = {"gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite"}
SHUT_DOWN = {"gemini-2.0-flash", "gemini-2.5-flash-image", "gemini-3.1-flash-image", "veo-3.1-fast-generate-preview",
             "veo-3.1-generate-preview", "veo-3.0-fast-generate-001"}
ROUTED = {"gemini-3.5-flash": "gemini-3.8-flash", "gemini-3.7-flash": "gemini-3.8-flash"}
_UPDATE = "Please update your code to use a newer model for the latest features and improvements."
_METHODS = {"text": ["generateContent", "countTokens"], "image": ["generateContent", "countTokens"],
            "video": ["createInteraction"], "veo": ["predictLongRunning"]}


def gone_message(model: str, *, calling: bool, strict: bool) -> str | None:
    """The 404 message for a model that cannot serve this request, or None when it can."""
    if model in SHUT_DOWN:
        return f"This model models/{model} is no longer available. {_UPDATE}"
    if model in CLOSED_TO_NEW_USERS and calling:
        return f"This model models/{model} is no longer available to new users. {_UPDATE}"
    if model not in SERVED and model not in CLOSED_TO_NEW_USERS and (strict or not calling):
        return (f"models/{model} is not found for API version v1beta, or is not supported for this method. "
                "Call ListModels to see the list of available models and their supported methods.")
    return None


def served_version(model: str) -> str:
    """`modelVersion` of a response: the routed target for aliased ids."""
    return ROUTED.get(model, model)


def model_resource(model: str) -> dict[str, Any]:
    """GET /v1beta/models/{model}: the Model resource (retired-to-new-users ids are still listed)."""
    info = SERVED.get(model, {"version": model.split("-")[1] if "-" in model else "1", "displayName": model,
                              "kind": "text"})
    return {
        "name": f"models/{model}", "baseModelId": model, "version": info["version"], "displayName": info["displayName"],
        "description": f"{info['displayName']} (simulated)", "inputTokenLimit": 1048576, "outputTokenLimit": 65536,
        "supportedGenerationMethods": _METHODS[info["kind"]], "temperature": 1.0, "topP": 0.95, "thinking": True,
    }
