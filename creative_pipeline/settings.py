"""Every environment variable the project reads, in one place, each with its one default.

Nothing else reads configuration from the environment (tested; `services/runtime.py` exports
DAGSTER_HOME for Dagster, `cli/devserver.py` hands the environment to `dagster dev`, and
`resources/build.py` looks only to tell a secret from the environment). A resource field that a
setting configures says so where it is declared — `max_attempts: int = setting("gemini_max_attempts")`
— which gives it the
setting's default (`DEFAULTS`, the settings with no environment read) and tells
`resources/build.py` which setting feeds it; `build_resources(settings)` then constructs every
resource from one settings object without an argument list of its own. Secrets are marked
`setting(..., secret=True)` and passed to Dagster as `EnvVar` when they came from the environment,
so the UI shows the variable's name, never its value. The one `Definitions` (definitions.py) is
built from `get_settings()`; the CLI, the demo and the studio reach the same objects through
`services/runtime.py`. `test_one_set_of_defaults.py` holds fields, policies and the model
catalogue to these defaults.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


PROJECT_ROOT = Path(__file__).resolve().parents[1]
ThinkingLevel = Literal["minimal", "low", "medium", "high"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    # --- data: Postgres (DATABASE_URL, else the embedded server) and storage -----------------
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    data_dir: Path = Field(default=PROJECT_ROOT / ".data", alias="CP_DATA_DIR")
    supabase_dir: Path = Field(default=PROJECT_ROOT / "supabase", alias="CP_SUPABASE_DIR")
    supabase_url: str | None = Field(default=None, alias="SUPABASE_URL")
    supabase_service_role_key: str | None = Field(default=None, alias="SUPABASE_SERVICE_ROLE_KEY")
    storage_bucket: str = Field(default="creatives", alias="STORAGE_BUCKET")

    # --- runs: the Dagster instance, step retries, the company lock ---------------------------
    dagster_home: Path = Field(default=PROJECT_ROOT / "dagster_home", alias="DAGSTER_HOME")
    step_retry_delay_s: float = Field(default=10.0, gt=0, alias="CP_STEP_RETRY_DELAY_S")
    company_lock_wait_s: float = Field(default=900.0, gt=0, alias="CP_COMPANY_LOCK_WAIT_S")
    signed_url_ttl_s: int = Field(default=7 * 24 * 3600, alias="SIGNED_URL_TTL_S")
    #: where a run's steps execute: in the run worker's own processes (one machine), or as Celery
    #: tasks on a broker that workers on other machines consume (needs Dagster storage on Postgres)
    dagster_executor: Literal["in_process", "multiprocess", "celery"] = Field(default="in_process", alias="CP_EXECUTOR")
    celery_broker_url: str = Field(default="pyamqp://guest@127.0.0.1:5672//", alias="CELERY_BROKER_URL")
    celery_result_backend: str = Field(default="rpc://", alias="CELERY_RESULT_BACKEND")

    # --- Gemini ---------------------------------------------------------------------------
    # Model defaults checked on 2026-11-30 (Google's models / deprecations / pricing pages as
    # quoted in the search corpus, and the google-genai 2.34.0 source): gemini-2.5-flash answers
    # 404 "no longer available to new users", gemini-2.5-flash-image was shut down on
    # 2026-10-02, the Veo 3.1 previews on 2026-10-22. `creative-pipeline check-models` re-checks.
    # `resources/gemini/models/catalog.py`'s DEFAULT_* ids are read from here.
    gemini_api_key: str | None = Field(default=None, alias="GEMINI_API_KEY")
    gemini_base_url: str | None = Field(default=None, alias="GEMINI_BASE_URL")
    # Explicit, because google-genai 3.x moved its default to v1 (we pin 2.34: v1beta serves
    # the Interactions API and structured output with response_schema).
    gemini_api_version: str = Field(default="v1beta", alias="GEMINI_API_VERSION")
    #: text with structured output; checked 2026-11-30 (GA 2026-09-02)
    gemini_text_model: str = Field(default="gemini-3.8-flash", alias="GEMINI_TEXT_MODEL")
    #: cheap text model for the call kinds in GEMINI_CHEAP_TEXT_FOR; checked 2026-11-30
    gemini_cheap_text_model: str = Field(default="gemini-3.5-flash-lite", alias="GEMINI_CHEAP_TEXT_MODEL")
    #: call kinds (personas, scripts, scores, briefs) sent to the cheap model; empty by default
    #: because quality cannot be measured here without a key
    gemini_cheap_text_for: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="GEMINI_CHEAP_TEXT_FOR")
    #: images (Nano Banana 2.1, generateContent + IMAGE); checked 2026-11-30 (GA 2026-10-06)
    gemini_image_model: str = Field(default="gemini-nano-banana-2.1", alias="GEMINI_IMAGE_MODEL")
    gemini_image_size: Literal["1K", "2K", "4K"] = Field(default="1K", alias="GEMINI_IMAGE_SIZE")
    #: video (Gemini Omni Flash via the Interactions API); checked 2026-11-30 (GA 2026-08-27)
    gemini_video_model: str = Field(default="gemini-omni-1.1-flash", alias="GEMINI_VIDEO_MODEL")
    #: auto = by model id (veo-* -> generate_videos, else Interactions API)
    gemini_video_backend: Literal["auto", "interactions", "veo"] = Field(default="auto", alias="GEMINI_VIDEO_BACKEND")
    #: Vertex AI (Veo's home since the Gemini API previews closed): ADC credentials + project/location
    google_genai_use_vertexai: bool = Field(default=False, alias="GOOGLE_GENAI_USE_VERTEXAI")
    google_cloud_project: str | None = Field(default=None, alias="GOOGLE_CLOUD_PROJECT")
    google_cloud_location: str | None = Field(default=None, alias="GOOGLE_CLOUD_LOCATION")
    #: Gemini 3 thinking_level per call kind: low for generation (personas, scripts, briefs),
    #: medium for scoring (judgement); quality unmeasured offline, so both are settings
    gemini_thinking_level_generation: ThinkingLevel = Field(default="low", alias="GEMINI_THINKING_LEVEL_GENERATION")
    gemini_thinking_level_scoring: ThinkingLevel = Field(default="medium", alias="GEMINI_THINKING_LEVEL_SCORING")
    #: JSON {"model": {"input_per_million": .., ...}}: prices for models the table lacks
    gemini_price_overrides: str | None = Field(default=None, alias="GEMINI_PRICE_OVERRIDES")
    #: how long a successful check-models result is trusted before a run checks again
    model_check_ttl_s: float = Field(default=6 * 3600, ge=0, alias="MODEL_CHECK_TTL_S")
    gemini_max_concurrency: int = Field(default=8, ge=1, le=64, alias="GEMINI_MAX_CONCURRENCY")
    gemini_requests_per_minute: int = Field(default=120, ge=1, alias="GEMINI_REQUESTS_PER_MINUTE")
    gemini_max_attempts: int = Field(default=4, ge=1, le=10, alias="GEMINI_MAX_ATTEMPTS")
    gemini_timeout_s: float = Field(default=120.0, gt=0, alias="GEMINI_TIMEOUT_S")
    #: Gemini 2.x only (3.x takes thinking_level); kept for operators still on a 2.x id
    gemini_thinking_budget: int | None = Field(default=0, alias="GEMINI_THINKING_BUDGET")
    gemini_backoff_base_s: float = Field(default=1.0, gt=0, alias="GEMINI_BACKOFF_BASE_S")
    # fallbacks per kind: ordered, comma-separated model ids, used while the primary is down
    gemini_text_fallback_models: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="GEMINI_TEXT_FALLBACK_MODELS")
    gemini_image_fallback_models: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="GEMINI_IMAGE_FALLBACK_MODELS")
    gemini_video_fallback_models: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="GEMINI_VIDEO_FALLBACK_MODELS")
    video_poll_interval_s: float = Field(default=10.0, gt=0, alias="VIDEO_POLL_INTERVAL_S")
    video_deadline_s: float = Field(default=360.0, gt=0, alias="VIDEO_DEADLINE_S")
    #: the provider keeps render results about 2 days; older stored renders are marked expired
    video_result_retention_h: float = Field(default=47.0, gt=0, alias="VIDEO_RESULT_RETENTION_H")

    # --- spend safely: shared rate limits, circuit breaker, budgets, paid-reply cache ---------
    # GEMINI_REQUESTS_PER_MINUTE (above) is the text limit; the window is 60 s unless tests shorten it
    gemini_image_requests_per_minute: int = Field(default=60, ge=1, alias="GEMINI_IMAGE_REQUESTS_PER_MINUTE")
    gemini_video_requests_per_minute: int = Field(default=10, ge=1, alias="GEMINI_VIDEO_REQUESTS_PER_MINUTE")
    gemini_rate_window_s: float = Field(default=60.0, gt=0, alias="GEMINI_RATE_WINDOW_S")
    circuit_breaker_threshold: int = Field(default=5, ge=1, alias="CIRCUIT_BREAKER_THRESHOLD")
    circuit_breaker_window_s: float = Field(default=120.0, gt=0, alias="CIRCUIT_BREAKER_WINDOW_S")
    circuit_breaker_cooldown_s: float = Field(default=60.0, gt=0, alias="CIRCUIT_BREAKER_COOLDOWN_S")
    # A company without its own budget gets this many USD; 0 means "no limit" (say it explicitly).
    company_budget_usd: float = Field(default=25.0, ge=0, alias="COMPANY_BUDGET_USD")
    spend_reservation_ttl_s: float = Field(default=900.0, gt=0, alias="SPEND_RESERVATION_TTL_S")
    generation_cache_ttl_hours: float = Field(default=72.0, gt=0, alias="GENERATION_CACHE_TTL_HOURS")

    # --- web and trends -------------------------------------------------------------------
    web_allow_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="WEB_ALLOW_HOSTS")
    trends_backend: Literal["pytrends", "off"] = Field(default="pytrends", alias="TRENDS_BACKEND")
    trends_base_url: str | None = Field(default=None, alias="TRENDS_BASE_URL")
    trends_cache_ttl_hours: float = Field(default=72.0, gt=0, alias="TRENDS_CACHE_TTL_HOURS")
    trends_geo: str = Field(default="", alias="TRENDS_GEO")
    trends_timeframe: str = Field(default="today 3-m", alias="TRENDS_TIMEFRAME")
    # keywords asked of Trends per company (scoring/trend_keywords.py): 20 = 5 anchored batches of 5
    trends_max_keywords: int = Field(default=20, ge=1, le=25, alias="TRENDS_MAX_KEYWORDS")

    # --- scoring and creative policy -------------------------------------------------------
    score_weight_llm: float = Field(default=0.45, ge=0, alias="SCORE_WEIGHT_LLM")
    score_weight_trend: float = Field(default=0.35, ge=0, alias="SCORE_WEIGHT_TREND")
    score_weight_viral: float = Field(default=0.20, ge=0, alias="SCORE_WEIGHT_VIRAL")
    # the most weight the performance prior gets (a script with strong matched evidence); 0 = off
    performance_prior_weight: float = Field(default=0.3, ge=0, le=1, alias="PERFORMANCE_PRIOR_WEIGHT")
    winners_count: int = Field(default=10, ge=1, le=99, alias="WINNERS_COUNT")
    # diverse: best-first under persona/angle/format/hook quotas (scoring/winner_selection.py); top: plain top N
    winner_selection: Literal["diverse", "top"] = Field(default="diverse", alias="WINNER_SELECTION")
    video_top_n: int = Field(default=3, ge=0, le=10, alias="VIDEO_TOP_N")
    video_approval_gate: bool = Field(default=True, alias="VIDEO_APPROVAL_GATE")

    # --- the studio (creative_pipeline/studio): the creative team's web app -----------------
    #: "off": loopback only, no sign-in (one person on their laptop); "supabase": every request
    #: carries a Supabase Auth access token, verified with SUPABASE_JWT_SECRET (HS256) or, for a
    #: project on asymmetric signing keys (RS256/ES256 with a `kid`), against its JWKS
    studio_auth: Literal["off", "supabase"] = Field(default="off", alias="STUDIO_AUTH")
    supabase_jwt_secret: str | None = Field(default=None, alias="SUPABASE_JWT_SECRET")
    #: the project's public signing keys; unset = `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`
    #: when SUPABASE_URL is set (Supabase docs "JWT Signing Keys" / "JSON Web Token", checked 2026-12-04)
    supabase_jwks_url: str | None = Field(default=None, alias="SUPABASE_JWKS_URL")
    #: how long a fetched key set is trusted before it is fetched again
    supabase_jwks_ttl_s: float = Field(default=600.0, gt=0, alias="SUPABASE_JWKS_TTL_S")
    #: an unknown `kid` refetches the key set at most once per this many seconds, so forged kids
    #: cannot make the studio hammer the Auth server (0: refetch on every unknown kid)
    supabase_jwks_refetch_cooldown_s: float = Field(default=30.0, ge=0, alias="SUPABASE_JWKS_REFETCH_COOLDOWN_S")
    studio_upload_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1, alias="STUDIO_UPLOAD_MAX_BYTES")
    #: where the studio links a company's Dagster partition (the `make dev` UI by default)
    dagster_ui_url: str = Field(default="http://127.0.0.1:3000", alias="DAGSTER_UI_URL")

    @field_validator(
        "web_allow_hosts", "gemini_cheap_text_for", "gemini_text_fallback_models", "gemini_image_fallback_models",
        "gemini_video_fallback_models", mode="before",
    )
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    @model_validator(mode="after")
    def _some_score_weight(self) -> Settings:
        """All-zero weights make the final score undefined: refuse them at startup, not after
        100 scripts were generated and paid for."""
        if self.score_weight_llm + self.score_weight_trend + self.score_weight_viral <= 0:
            raise ValueError("SCORE_WEIGHT_LLM, SCORE_WEIGHT_TREND and SCORE_WEIGHT_VIRAL must not all be 0")
        return self

    @property
    def jwks_url(self) -> str | None:
        """Where the studio fetches the project's public signing keys (None: HS256 only)."""
        if self.supabase_jwks_url:
            return self.supabase_jwks_url
        return f"{self.supabase_url.rstrip('/')}/auth/v1/.well-known/jwks.json" if self.supabase_url else None

    @property
    def offline(self) -> bool:
        """No API key means the clearly labelled offline provider (DESIGN.md §4)."""
        return not (self.gemini_api_key or self.google_genai_use_vertexai)


#: Every setting at its default, without reading the environment: the defaults of the resource
#: fields (Dagster shows them in the UI) and of the policies, written once, here.
DEFAULTS = Settings.model_construct()


def setting(name: str, *, secret: bool = False, required: bool = False, **field: Any) -> Any:
    """A resource field configured by the setting `name`: its default is the setting's (written
    once, above) and `build_resources` feeds it from the settings object; `field` takes pydantic's
    other Field arguments (description, bounds). Paths become strings (Dagster config is plain data);
    `required` fields take no default."""
    from pydantic.fields import FieldInfo

    if name not in Settings.model_fields:
        raise KeyError(f"no setting {name!r}")
    default = getattr(DEFAULTS, name)
    extra = {"setting": name, **({"secret": True} if secret else {})}
    if required:  # always fed by build_resources; a resource built in code must say where its data lives
        return Field(json_schema_extra=extra, **field)
    if isinstance(default, list):
        return Field(default_factory=list(default).copy, json_schema_extra=extra, **field)
    value = str(default) if isinstance(default, Path) else default
    info: FieldInfo = Field(default=value, json_schema_extra=extra, **field)
    return info


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()
