"""The brand kit reaches generation: its colours are the brief's palette (offline) and the
brand colours a live brief prompt names; without a kit, the page's CSS colours as before."""

from __future__ import annotations

import asyncio

from creative_pipeline.domain.abcd import AbcdTags, Action, Driver, Format, SceneSetting, SceneSubject
from creative_pipeline.domain.brand import BrandKit
from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.domain.persona import PersonaDraft
from creative_pipeline.resources.gemini.content import CompanyBrief, WinnerForBrief
from creative_pipeline.resources.gemini.offline.generator import OfflineContentGenerator

CONTEXT = CompanyContext(title="Brew", brand_colors=["#112233", "#445566"])
WINNER = WinnerForBrief(
    script_id="s1", rank=1, headline="Cold brew in 10 seconds", hook="Still queueing?", body="Pour, add water.",
    cta="Try it", abcd=AbcdTags(scene_setting=list(SceneSetting)[0], scene_subject=list(SceneSubject)[0],
                                action=list(Action)[0], driver=list(Driver)[0], format=Format.UGC),
    persona=PersonaDraft(name="Dana", archetype="busy founder", age_range="25-34", description="d", pains=["p"],
                         goals=["g"], objections=["o"], channels=["c"]),
)


def test_kit_colours_win_over_page_colours() -> None:
    with_kit = CompanyBrief(slug="b", name="Brew", uvp="u", context=CONTEXT,
                            brand_kit=BrandKit(colors=["#2B1B17", "#E8A33D"], source="site"))
    assert with_kit.brand_colors() == ["#2B1B17", "#E8A33D"]
    palette = asyncio.run(OfflineContentGenerator().brief(with_kit, WINNER)).value.image.palette
    assert palette[:2] == ["#2B1B17", "#E8A33D"]
    plain = CompanyBrief(slug="b", name="Brew", uvp="u", context=CONTEXT, brand_kit=BrandKit())
    assert plain.brand_colors() == ["#112233", "#445566"]  # an empty kit: the page's colours


def test_the_tone_of_voice_is_in_the_fenced_site_context_of_text_prompts() -> None:
    from creative_pipeline.domain.brand import ToneWord
    from creative_pipeline.resources.gemini.sdk.live_generator import _context_block

    kit = BrandKit(tone=[ToneWord(word="premium", evidence="Small-batch cold brew.")])
    block = _context_block(CompanyBrief(slug="b", name="Brew", uvp="u", context=CONTEXT, brand_kit=kit))
    assert '"brand_tone_of_voice": [{"word": "premium", "as_in": "Small-batch cold brew."}]' in block
    assert "brand_tone_of_voice" not in _context_block(CompanyBrief(slug="b", name="Brew", uvp="u", context=CONTEXT))
