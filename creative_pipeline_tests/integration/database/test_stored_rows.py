"""Repositories return typed rows, and a brief written then loaded keeps its fingerprints: the
`brief_sha` of a loaded brief is the sha of `data->'brief'` exactly as stored (renders and
approvals recorded earlier are matched by it)."""

import hashlib
import json

from creative_pipeline.domain.abcd import AbcdTags
from creative_pipeline.domain.approval import brief_hash
from creative_pipeline.domain.brief import CreativeBrief, ImageBrief, StoredBrief, VideoBrief, VideoShot, brief_sha
from creative_pipeline.domain.persona import PersonaDraft, StoredPersona
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.domain.script import StoredScript, WinnerRow
from creative_pipeline.domain.timed_script import CheckedScript, TimedScript
from creative_pipeline.domain.vocabulary import Angle
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs, upsert_brief
from creative_pipeline.resources.supabase.repositories.personas import load_personas, replace_personas
from creative_pipeline.resources.supabase.repositories.scores import replace_scores
from creative_pipeline.resources.supabase.repositories.scripts import (
    BatchRecord,
    load_scripts,
    load_winners,
    mark_winners,
    replace_scripts,
)
from creative_pipeline.scoring.formula import ScriptScore
from creative_pipeline_tests.conftest import add_company

ABCD = AbcdTags.model_validate({"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO",
                                "driver": "RELIEF", "format": "UGC"})
PERSONA = PersonaDraft(name="Deadline Dana", archetype="busy founder", age_range="25-34", description="Runs on coffee.",
                       pains=["no time"], goals=["focus"], objections=["price"], channels=["LinkedIn"])


def script(i: int, reasons: tuple[str, ...] = ()) -> CheckedScript:
    hook = {"visual": "kitchen", "on_screen_text": f"Hook {i}", "spoken": f"Hook {i}"}
    draft = TimedScript.model_validate({
        "placement": "REELS", "duration_s": 8, "hook": hook, "hook_alternatives": [hook, hook],
        "beats": [{"start_s": 0, "end_s": 4, "visual": "v", "spoken": f"Hook {i}", "on_screen_text": ""},
                  {"start_s": 4, "end_s": 8, "visual": "logo", "spoken": "Body", "on_screen_text": "Try it"}],
        "objection": "price", "cta_button": "SHOP_NOW", "cta_line": "Try it", "primary_text": "Primary",
        "headline": f"Headline {i}", "keywords": ["cold brew"], "abcd": ABCD.model_dump(mode="json")})
    return CheckedScript(angle=Angle.PAIN, draft=draft, ineligible_reasons=list(reasons), checks={"repairs": []})


def test_rows_are_typed_and_a_loaded_brief_keeps_its_stored_fingerprint(clean_db: Database) -> None:
    company = add_company(clean_db, "https://typed.example")
    with clean_db.transaction() as conn:
        [persona_id] = replace_personas(conn, company.id, [PERSONA], "offline", [Provenance(model="m")])
        replace_scripts(conn, company.id, [BatchRecord(
            persona_id=persona_id, batch_index=1, angle="PAIN", template_version="v2", temperature=0.7,
            provider="offline", model="m", scripts=[script(1), script(2, ("overrun: too many words",))])])
        unscored = load_scripts(conn, company.id)
        replace_scores(conn, company.id, [ScriptScore(
            script_id=s.id, trend=50, trend_status="ok", llm=80 - i, viral=40, final=60 - i, weights=ScoringPolicy().weights(),
            provider="offline", model="m") for i, s in enumerate(unscored)])
        mark_winners(conn, company.id, [unscored[0].id])
        personas, scripts, winners = load_personas(conn, company.id), load_scripts(conn, company.id), load_winners(conn, company.id)
    assert all(isinstance(p, StoredPersona) for p in personas) and personas[0].persona == PERSONA
    assert personas[0].id == persona_id and personas[0].data == PERSONA.model_dump()
    assert all(isinstance(s, StoredScript) for s in scripts) and unscored[0].final is None
    assert [(s.headline, s.final, s.is_winner, s.winner_rank) for s in scripts] == [
        ("Headline 1", 60, True, 1), ("Headline 2", 59, False, None)]
    assert scripts[0].persona_name == "Deadline Dana" and scripts[0].abcd == ABCD and scripts[0].keywords == ["cold brew"]
    assert isinstance(winners[0], WinnerRow) and winners[0].id == scripts[0].id and winners[0].llm == 80
    # the timed structure round-trips: columns of their own, the rest in `timed`
    first, second = scripts
    assert (first.angle, first.template, first.placement, first.duration_s, first.cta_button) == (
        "PAIN", "PAIN", "REELS", 8, "SHOP_NOW")
    assert first.timed["beats"][1]["spoken"] == "Body" and first.timed["hook"]["on_screen_text"] == "Hook 1"
    assert (first.hook, first.body, first.cta) == ("Hook 1", "Hook 1 Body", "Try it")  # the flat copy older stages read
    assert first.may_win and not second.may_win and second.ineligible_reasons == ["overrun: too many words"]

    image = ImageBrief(headline="Café taste — at home", cta="Try it", visual_description="A kitchen at 7am.",
                       composition="product left", palette=["abc", "orange"], variations=["Close-up", "Balcony"])
    video = VideoBrief(concept="Morning rush", shots=[VideoShot(description="Alarm rings")], cta="Try it")
    written = CreativeBrief(script_id=str(scripts[0].id), creative_name="20261130_HOME_SOLO_DEMO_RELIEF_UGC_typed_W01",
                            rank=1, abcd=ABCD, image=image, video=video, persona_name="Deadline Dana", final_score=60)
    with clean_db.transaction() as conn:
        upsert_brief(conn, company.id, written, "offline", "m")
        [loaded] = load_briefs(conn, company.id)
        bodies = {r["kind"]: r["data"]["brief"] for r in conn.execute(
            "select kind, data from assets where company_id = %s", (company.id,)).fetchall()}
    assert isinstance(loaded, StoredBrief)
    assert (loaded.script_id, loaded.creative_name, loaded.rank, loaded.abcd, loaded.persona_name, loaded.final_score,
            loaded.provider, loaded.model, loaded.history, loaded.version) == (
        written.script_id, written.creative_name, 1, ABCD, "Deadline Dana", 60, "offline", "m", [], 1)
    assert loaded.image == image and loaded.video == video
    assert loaded.image_sha == brief_sha(bodies["image_brief"]) and loaded.video_sha == brief_sha(bodies["video_brief"])
    # ... and brief_sha is the fingerprint as it was computed before briefs were typed
    assert loaded.image_sha == hashlib.sha256(
        json.dumps(bodies["image_brief"], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    assert brief_hash(loaded) == brief_sha({"image": bodies["image_brief"], "video": bodies["video_brief"]})
