"""Human decisions and money records outlive regeneration; approvals are pinned to their brief;
an approved video is never deleted because a later run could not see the approval."""

import psycopg
import pytest
from psycopg.types.json import Jsonb

from creative_pipeline.services.renders import waiting_for_video
from creative_pipeline.services.review import ReviewAction, apply_reviews
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import archive_company
from creative_pipeline.resources.supabase.repositories.reviews import approved_names

from .conftest import Briefed, media_rows


def approve(ready: Briefed, *ranks: int) -> None:
    apply_reviews(ready.db, ready.resources["gemini"], ready.company,
                  [ReviewAction(rank=r, status="GREEN") for r in ranks], "test-reviewer")


def table_count(ready: Briefed, table: str) -> int:
    with ready.db.transaction() as conn:
        return conn.execute(f"select count(*) as n from {table} where company_id = %s", (ready.company.id,)).fetchone()["n"]


def test_reviews_and_ledger_survive_regeneration_and_company_deletion(briefed: Briefed) -> None:
    approve(briefed, 1, 2, 3)
    assert all(ok for _, _, ok in briefed.run("ad_images", "ad_videos"))
    assert sorted(v["data"]["rank"] for v in media_rows(briefed.db, briefed.company.id, "video")) == [1, 2, 3]
    usage = table_count(briefed, "api_usage")
    # regenerate from the personas down, as the UI would: scripts are replaced, decisions stay
    assert all(ok for _, _, ok in briefed.run("personas", "ad_scripts"))
    assert table_count(briefed, "creative_reviews") == 3
    assert table_count(briefed, "api_usage") >= usage
    with briefed.db.transaction() as conn:
        script_ids = {r["script_id"] for r in conn.execute("select script_id from creative_reviews").fetchall()}
    assert script_ids == {None}  # the scripts they were about are gone; the decisions are not
    # the approved videos were not deleted with the scripts
    assert len([v for v in media_rows(briefed.db, briefed.company.id, "video") if v["status"] == "ok"]) == 3

    with pytest.raises(psycopg.errors.ForeignKeyViolation):  # a hard delete is refused ...
        with briefed.db.transaction() as conn:
            conn.execute("delete from companies where id = %s", (briefed.company.id,))
    with briefed.db.transaction() as conn:  # ... companies are archived instead
        archive_company(conn, briefed.company.id)
        archived = conn.execute("select archived_at from companies where id = %s", (briefed.company.id,)).fetchone()
    assert archived["archived_at"] is not None and table_count(briefed, "creative_reviews") == 3


def test_a_changed_brief_makes_the_approval_stale_and_is_not_rendered(briefed: Briefed) -> None:
    approve(briefed, 1, 2)
    with briefed.db.transaction() as conn:
        briefs = load_briefs(conn, briefed.company.id)
        assert {b.rank for b in briefs if b.creative_name in approved_names(conn, briefed.company.id, briefs)} == {1, 2}
        # the brief of rank 2 changes under the same creative name (a regeneration with new copy)
        conn.execute(
            "update assets set data = jsonb_set(data, '{brief,headline}', %s) where company_id = %s "
            "and kind = 'image_brief' and creative_name = %s",
            (Jsonb("A different headline"), briefed.company.id, briefs[1].creative_name),
        )
        briefs = load_briefs(conn, briefed.company.id)
        assert {b.rank for b in briefs if b.creative_name in approved_names(conn, briefed.company.id, briefs)} == {1}
    assert waiting_for_video(briefed.db, briefed.company, briefed.resources["media"]) == [briefs[0].creative_name]
    assert all(ok for _, _, ok in briefed.run("ad_images", "ad_videos"))
    assert [v["data"]["rank"] for v in media_rows(briefed.db, briefed.company.id, "video")] == [1]

    approve(briefed, 2)  # approved again, for the brief as it is now
    assert all(ok for _, _, ok in briefed.run("ad_videos"))
    assert sorted(v["data"]["rank"] for v in media_rows(briefed.db, briefed.company.id, "video")) == [1, 2]


def test_an_approved_video_is_kept_when_its_approval_goes_stale_and_removed_only_when_withdrawn(briefed: Briefed) -> None:
    approve(briefed, 1)
    assert all(ok for _, _, ok in briefed.run("ad_images", "ad_videos"))
    with briefed.db.transaction() as conn:
        name = load_briefs(conn, briefed.company.id)[0].creative_name
        conn.execute("update assets set data = jsonb_set(data, '{brief,headline}', %s) where company_id = %s "
                     "and kind = 'image_brief' and creative_name = %s", (Jsonb("Changed"), briefed.company.id, name))
    assert all(ok for _, _, ok in briefed.run("ad_videos"))  # cannot see a valid approval: keeps the video
    assert [v["creative_name"] for v in media_rows(briefed.db, briefed.company.id, "video")] == [name]
    apply_reviews(briefed.db, briefed.resources["gemini"], briefed.company, [ReviewAction(rank=1, status="RED")], "t")
    assert all(ok for _, _, ok in briefed.run("ad_videos"))  # a person withdrew it: now it goes
    assert media_rows(briefed.db, briefed.company.id, "video") == []
