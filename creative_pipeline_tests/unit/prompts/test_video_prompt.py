"""video.v2: wording follows the aspect, the negative prompt goes where each backend takes it,
and nothing asks the model for on-screen text (supers are added after rendering)."""

from creative_pipeline.domain.brief import VideoAudio, VideoBrief, VideoShot
from creative_pipeline.prompts.video_prompt import NEGATIVE, video_prompt
from creative_pipeline.resources.gemini.models.catalog import clip_seconds, veo_resolution

BRIEF = VideoBrief(
    concept="Morning rush solved", cta="Start my trial", aspect_ratio="16:9", duration_seconds=8,
    shots=[VideoShot(description="Alarm rings", on_screen_text="6:58 am. No coffee.", start_s=0, end_s=3),
           VideoShot(description="Espresso pours", on_screen_text="Café-quality in 90 s", start_s=3, end_s=8)],
    camera="slow push-in", lighting="window light",
    audio=VideoAudio(dialogue="Finally.", speaker="Dana, on camera", effects="espresso hiss", ambience="kitchen"),
)


def test_wording_follows_the_aspect_and_carries_the_brief() -> None:
    omni = video_prompt(BRIEF, "interactions", 8, first_frame=True, references=2)
    assert omni.version == "v2" and omni.text.startswith("Landscape (16:9)") and "Vertical" not in omni.text
    assert "0.0-3.0 s: Alarm rings" in omni.text and "3.0-8.0 s: Espresso pours" in omni.text
    assert 'Dana, on camera says: "Finally."' in omni.text and "slow push-in" in omni.text and "window light" in omni.text
    assert "6:58 am" not in omni.text and "Café-quality" not in omni.text  # supers are laid over later
    vertical = video_prompt(BRIEF.model_copy(update={"aspect_ratio": "9:16"}), "interactions", 8, False, 0)
    assert vertical.text.startswith("Vertical (9:16)")


def test_negative_prompt_in_the_instruction_for_omni_and_in_its_field_for_veo() -> None:
    omni = video_prompt(BRIEF, "interactions", 8, True, 0)
    assert f"Avoid: {NEGATIVE}." in omni.text and omni.negative_prompt == ""
    veo = video_prompt(BRIEF, "veo", 8, True, 0)
    assert "Avoid:" not in veo.text and veo.negative_prompt == NEGATIVE
    assert "on-screen text" in NEGATIVE and "distorted" in NEGATIVE and "watermark" in NEGATIVE


def test_shots_without_timings_share_the_clip_and_the_model_lengths() -> None:
    untimed = BRIEF.model_copy(update={"shots": [VideoShot(description="a"), VideoShot(description="b")]})
    assert [(a, b) for a, b, _ in untimed.timed_shots()] == [(0.0, 4.0), (4.0, 8.0)]
    assert veo_resolution("1080p", 8) == "1080p" and veo_resolution("1080p", 6) == "720p"
    assert clip_seconds("veo-3.1-generate-001", 5) == 6 and clip_seconds("gemini-omni-1.2-flash", 15) == 15
    assert clip_seconds("gemini-omni-1.2-flash", 15, with_first_frame=True) == 10
    assert clip_seconds("gemini-omni-1.1-flash", 12) == 10
