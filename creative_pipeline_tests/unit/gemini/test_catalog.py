"""Model facts as pure rules: backends by id, what a model honours, how a 404 is read."""

from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.resources.gemini.errors import RetiredModelError, is_model_gone, suggested_in
from creative_pipeline.resources.gemini.video.backends import interaction_error, interaction_video


def test_video_backend_by_id_or_setting() -> None:
    assert catalog.video_backend("gemini-omni-1.1-flash") == "interactions"
    assert catalog.video_backend("veo-3.1-generate-001") == "veo"
    assert catalog.video_backend("models/veo-3.1-fast-generate-001") == "veo"
    assert catalog.video_backend("gemini-omni-1.1-flash", "veo") == "veo"


def test_temperature_and_thinking_by_generation() -> None:
    assert catalog.ignores_temperature("gemini-3.8-flash") and catalog.ignores_temperature("gemini-3.5-flash-lite")
    assert not catalog.ignores_temperature("gemini-3.1-flash-lite") and not catalog.ignores_temperature("gemini-2.5-flash")
    assert catalog.is_gemini3("gemini-3.8-flash") and not catalog.is_gemini3("gemini-2.5-flash")


def test_a_404_about_the_model_is_retirement_with_a_replacement() -> None:
    closed = "This model models/gemini-2.5-flash is no longer available to new users. Please update your code to use a newer model"
    assert is_model_gone(404, closed) and not is_model_gone(400, closed) and not is_model_gone(404, None)
    assert suggested_in(closed) is None  # "use a newer model" names none: the catalogue's successor is used
    assert suggested_in("gemini-2.0-flash is retired; use gemini-3.8-flash instead") == "gemini-3.8-flash"
    assert catalog.successor("gemini-2.5-flash") == "gemini-3.8-flash"
    err = RetiredModelError("gemini-2.5-flash", setting="GEMINI_TEXT_MODEL", suggested="gemini-3.8-flash", detail="404")
    assert "GEMINI_TEXT_MODEL=gemini-2.5-flash" in err.reason and "set GEMINI_TEXT_MODEL to gemini-3.8-flash" in err.reason


def test_the_video_of_an_interaction_is_found_in_its_steps() -> None:
    done = {"status": "completed", "steps": [{"type": "thought", "content": []},
                                             {"type": "model_output", "content": [{"type": "text", "text": "here"},
                                                                                  {"type": "video", "uri": "u"}]}]}
    assert interaction_video(done) == {"type": "video", "uri": "u"}
    failed = {"status": "incomplete", "steps": [{"type": "model_output", "error": {"message": "blocked"}}]}
    assert interaction_error(failed) == "interaction incomplete: blocked"


def test_settings_defaults_are_the_catalogue_defaults() -> None:
    from creative_pipeline.settings import Settings

    s = Settings()
    assert (s.gemini_text_model, s.gemini_cheap_text_model, s.gemini_image_model, s.gemini_video_model) == (
        catalog.DEFAULT_TEXT_MODEL, catalog.DEFAULT_CHEAP_TEXT_MODEL, catalog.DEFAULT_IMAGE_MODEL,
        catalog.DEFAULT_VIDEO_MODEL)


def test_a_refused_request_says_what_to_do() -> None:
    from creative_pipeline.resources.gemini.errors import PermanentProviderError

    revoked = PermanentProviderError.refused("403 PERMISSION_DENIED: key revoked", 403, "PERMISSION_DENIED",
                                             "Permission denied: consumer has been suspended", 1)
    assert revoked.reason.startswith("403 PERMISSION_DENIED: key revoked; ") and "GEMINI_API_KEY" in revoked.reason
    invalid_key = PermanentProviderError.refused("400 INVALID_ARGUMENT", 400, "INVALID_ARGUMENT",
                                                 "API key not valid. Please pass a valid API key.", 1)
    assert "GEMINI_API_KEY" in invalid_key.reason
    quota = PermanentProviderError.refused("429 RESOURCE_EXHAUSTED: quota", 429, "RESOURCE_EXHAUSTED", "quota", 2)
    assert "quota" in quota.reason.split("; ", 1)[1] and quota.attempts == 2
    bad = PermanentProviderError.refused("400 INVALID_ARGUMENT", 400, "INVALID_ARGUMENT", "bad schema", 1)
    assert "check-models" in bad.reason and "GEMINI_API_KEY" not in bad.reason
