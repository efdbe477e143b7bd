"""The Gemini simulator speaks the protocol the real google-genai SDK expects (text side).

Every test drives the real SDK over HTTP, so a shape mistake in the simulator shows up
as the SDK failing to parse — exactly what would mislead pipeline tests.
"""

from __future__ import annotations

import asyncio
import enum
import json
import time
import urllib.error
import urllib.request
from typing import Literal

import pytest
from google.genai import errors, types
from pydantic import BaseModel, Field, TypeAdapter

from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator, running_gemini_simulator

MODEL = "gemini-3.8-flash"
JSON_CFG = dict(response_mime_type="application/json")


class Tone(str, enum.Enum):
    PLAYFUL = "playful"
    SERIOUS = "serious"
    URGENT = "urgent"


class Script(BaseModel):
    hook: str = Field(max_length=60)
    beats: list[str] = Field(min_length=2, max_length=4)
    tone: Tone
    format: Literal["ugc", "demo", "testimonial"]
    score: int = Field(ge=0, le=100)
    confidence: float = Field(ge=0.0, le=1.0)
    brand_colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    note: str | None = None


class Persona(BaseModel):
    name: str = Field(max_length=24)
    pains: list[str]
    scripts: list[Script] = Field(min_length=5, max_length=5)


class PersonaBatch(BaseModel):
    personas: list[Persona] = Field(min_length=5, max_length=5)
    is_b2b: bool


def _structured(sim: GeminiSimulator, schema: object = PersonaBatch, **cfg: object) -> types.GenerateContentResponse:
    config = types.GenerateContentConfig(**JSON_CFG, response_schema=schema, **cfg)
    return sim.client().models.generate_content(model=MODEL, contents="Write personas", config=config)


def test_structured_output_round_trip(gemini_simulator: GeminiSimulator) -> None:
    resp = _structured(gemini_simulator)
    assert isinstance(resp.parsed, PersonaBatch)
    batch = PersonaBatch.model_validate_json(resp.text)
    assert len({p.name for p in batch.personas}) == 5, "persona names must be distinct"
    hooks = [s.hook for p in batch.personas for s in p.scripts]
    assert len(set(hooks)) == 25 and all(len(h) <= 60 for h in hooks)
    assert resp.candidates[0].finish_reason == types.FinishReason.STOP
    usage = resp.usage_metadata
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count > 0
    (req,) = gemini_simulator.requests
    assert req.path == f"/v1beta/models/{MODEL}:generateContent" and req.model == MODEL
    assert req.headers["x-goog-api-key"] == "sim-key"
    assert "responseSchema" in req.body["generationConfig"]


def test_list_schema_and_json_schema_variants(gemini_simulator: GeminiSimulator) -> None:
    resp = _structured(gemini_simulator, schema=list[Script])
    assert len(TypeAdapter(list[Script]).validate_json(resp.text)) == 3
    cfg = types.GenerateContentConfig(**JSON_CFG, response_json_schema=PersonaBatch.model_json_schema())
    resp = gemini_simulator.client().models.generate_content(model=MODEL, contents="x", config=cfg)
    PersonaBatch.model_validate_json(resp.text)
    assert "$defs" in gemini_simulator.requests[-1].body["generationConfig"]["responseJsonSchema"]


def test_seed_makes_output_deterministic() -> None:
    texts = []
    for _ in range(2):
        with running_gemini_simulator(seed=7) as sim:
            texts.append(_structured(sim, schema=Script).text)
    assert texts[0] == texts[1]


def test_plain_text_and_responder(gemini_simulator: GeminiSimulator) -> None:
    client = gemini_simulator.client()
    resp = client.models.generate_content(model=MODEL, contents="Summarise the brand voice")
    assert resp.text and "Summarise the brand voice" in resp.text
    gemini_simulator.responder = lambda body, model: {"hook": "Custom!", "beats": ["a", "b"], "tone": "urgent",
                                                      "format": "demo", "score": 99, "confidence": 0.5,
                                                      "brand_colour": "#ABCDEF"}
    parsed = _structured(gemini_simulator, schema=Script).parsed
    assert parsed.hook == "Custom!" and parsed.tone is Tone.URGENT


def test_fifty_concurrent_async_calls(gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.latency_s = 0.05
    client = gemini_simulator.client()
    cfg = types.GenerateContentConfig(**JSON_CFG, response_schema=Script)

    async def run() -> list[types.GenerateContentResponse]:
        calls = [client.aio.models.generate_content(model=MODEL, contents=f"s{i}", config=cfg) for i in range(50)]
        return await asyncio.gather(*calls)

    results = asyncio.run(run())
    assert all(isinstance(r.parsed, Script) for r in results)
    assert len({r.parsed.hook for r in results}) == 50
    assert len(gemini_simulator.requests_for("generateContent")) == 50


@pytest.mark.parametrize("fault", ["invalid_json", "truncated", "wrong_schema", "prompt_blocked", "safety",
                                   "empty_candidates"])
def test_content_faults_yield_parsed_none(gemini_simulator: GeminiSimulator, fault: str) -> None:
    gemini_simulator.inject(fault)
    resp = _structured(gemini_simulator)
    assert resp.parsed is None
    if fault == "invalid_json":
        with pytest.raises(ValueError):
            json.loads(resp.text)
    elif fault == "truncated":
        assert resp.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS
    elif fault == "wrong_schema":
        json.loads(resp.text)  # valid JSON, invalid against the schema
    elif fault == "prompt_blocked":
        assert resp.prompt_feedback.block_reason == types.BlockedReason.SAFETY and not resp.candidates
    elif fault == "safety":
        assert resp.candidates[0].finish_reason == types.FinishReason.SAFETY and resp.text is None
    else:
        assert resp.candidates == [] and resp.text is None
    assert isinstance(_structured(gemini_simulator).parsed, PersonaBatch), "fault must be consumed once"
    assert [r.fault for r in gemini_simulator.requests] == [fault, None]


def test_http_faults_raise_sdk_errors(gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.inject("rate_limited", retry_delay="0.1s")
    gemini_simulator.inject("server_error")
    gemini_simulator.inject("unavailable")
    with pytest.raises(errors.ClientError) as info:
        _structured(gemini_simulator)
    assert info.value.code == 429 and info.value.status == "RESOURCE_EXHAUSTED"
    retry = [d for d in info.value.details["error"]["details"] if d["@type"].endswith("RetryInfo")]
    assert retry[0]["retryDelay"] == "0.1s"
    for code in (500, 503):
        with pytest.raises(errors.ServerError) as server_info:
            _structured(gemini_simulator)
        assert server_info.value.code == code
    assert isinstance(_structured(gemini_simulator).parsed, PersonaBatch)


def test_fault_matching_is_fifo_and_filtered(gemini_simulator: GeminiSimulator) -> None:
    gemini_simulator.inject("server_error", model="gemini-3.5-flash-lite")
    gemini_simulator.inject("invalid_json", times=2)
    gemini_simulator.inject("safety")
    outcomes = [_structured(gemini_simulator, schema=Script) for _ in range(4)]
    assert [r.fault for r in gemini_simulator.requests] == ["invalid_json", "invalid_json", "safety", None]
    assert outcomes[3].parsed is not None
    assert gemini_simulator.faults.pending() == [("server_error", 1)]
    with pytest.raises(ValueError):
        gemini_simulator.inject("no_such_fault")
    with pytest.raises(ValueError):
        gemini_simulator.inject("never_done", endpoint="generateContent")


def test_requests_per_minute_limit() -> None:
    with running_gemini_simulator(requests_per_minute=2, rate_window_s=0.5) as sim:
        _structured(sim, schema=Script)
        _structured(sim, schema=Script)
        with pytest.raises(errors.ClientError) as info:
            _structured(sim, schema=Script)
        assert info.value.code == 429
        delay = info.value.details["error"]["details"][-1]["retryDelay"]
        assert delay.endswith("s") and 0 < float(delay[:-1]) <= 0.5
        other = sim.client().models.generate_content(model="gemini-3.5-flash-lite", contents="x")
        assert other.text, "the limit is per model"
        time.sleep(float(delay[:-1]) + 0.05)
        assert _structured(sim, schema=Script).parsed is not None


def _raw(url: str, data: bytes | None, headers: dict[str, str]) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_auth_malformed_and_unknown_paths(gemini_simulator: GeminiSimulator) -> None:
    url = f"{gemini_simulator.base_url}/v1beta/models/{MODEL}:generateContent"
    body = json.dumps({"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}).encode()
    status, err = _raw(url, body, {"Content-Type": "application/json"})
    assert status == 403 and err["error"]["status"] == "PERMISSION_DENIED"
    key = {"x-goog-api-key": "k", "Content-Type": "application/json"}
    assert _raw(url, body, key)[0] == 200
    assert _raw(url.replace("v1beta", "v1"), body, key)[0] == 200
    status, err = _raw(url, b"{not json", key)
    assert status == 400 and err["error"]["status"] == "INVALID_ARGUMENT"
    assert _raw(url, json.dumps({"contents": []}).encode(), key)[0] == 400
    status, err = _raw(f"{gemini_simulator.base_url}/v1beta/models/{MODEL}:nope", body, key)
    assert status == 404 and err["error"]["status"] == "NOT_FOUND"
    gemini_simulator.api_key = "right"
    with pytest.raises(errors.ClientError) as info:
        gemini_simulator.client(api_key="wrong").models.generate_content(model=MODEL, contents="x")
    assert info.value.code == 400
    with pytest.raises(errors.ClientError) as info:  # schema without JSON mime type
        gemini_simulator.client(api_key="right").models.generate_content(
            model=MODEL, contents="x", config=types.GenerateContentConfig(response_schema=Script))
    assert info.value.code == 400


def test_latency_is_applied() -> None:
    with running_gemini_simulator(latency_s=0.2) as sim:
        start = time.monotonic()
        sim.client().models.generate_content(model=MODEL, contents="x")
        assert time.monotonic() - start >= 0.2
