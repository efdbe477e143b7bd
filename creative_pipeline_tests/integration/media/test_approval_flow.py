"""The approval gate end to end: review → video_approvals_sensor → ad_videos renders exactly the
approved winners; feedback revises a brief (with history), a rejection withdraws an approval."""

from dagster import SensorResult, build_sensor_context

from creative_pipeline.services.review import ReviewAction, apply_reviews
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.sensors.video_approvals import video_approvals_sensor

from .conftest import Briefed, check_results, last_metadata, media_rows


def evaluate(ready: Briefed, cursor: str | None, resources: dict | None = None) -> SensorResult:
    r = resources or ready.resources
    context = build_sensor_context(instance=ready.instance, cursor=cursor, resources={"supabase": r["supabase"], "media": r["media"]})
    return video_approvals_sensor(context)


def review(ready: Briefed, *actions: ReviewAction) -> list:
    return apply_reviews(ready.db, ready.resources["gemini"], ready.company, list(actions), "test-reviewer")


def launch(ready: Briefed, result: SensorResult) -> None:
    """What the daemon does with the sensor's run request: run the company_videos job's asset."""
    (request,) = result.run_requests
    assert request.partition_key == ready.company.slug
    assert all(ok for _, _, ok in ready.run("ad_videos"))


def video_ranks(ready: Briefed) -> list[int]:
    return sorted(v["data"]["rank"] for v in media_rows(ready.db, ready.company.id, "video") if v["status"] == "ok")


def test_review_sensor_and_videos_of_exactly_the_approved(briefed: Briefed) -> None:
    assert all(ok for _, _, ok in briefed.run("ad_images", "ad_videos"))
    assert video_ranks(briefed) == [] and last_metadata(briefed.instance, "ad_videos")["awaiting_approval"] == 3
    assert evaluate(briefed, None).skip_reason.skip_message == "no new approvals"

    outcomes = review(briefed, ReviewAction(rank=1, status="GREEN"), ReviewAction(rank=3, status="GREEN"),
                      ReviewAction(rank=5, status="GREEN"))  # rank 5 is outside VIDEO_TOP_N=3
    assert [o.status for o in outcomes] == ["GREEN"] * 3
    first = evaluate(briefed, None)
    assert first.run_requests[0].run_key.startswith(f"video-approvals-{briefed.company.slug}-")
    assert first.run_requests[0].tags["approvals"] == "3"
    launch(briefed, first)
    assert video_ranks(briefed) == [1, 3]
    assert check_results(briefed.instance)["videos_only_for_approved"][0] is True
    assert evaluate(briefed, first.cursor).skip_reason.skip_message == "no new approvals"  # nothing new: no second run

    with briefed.db.transaction() as conn:
        before = {b.rank: b for b in load_briefs(conn, briefed.company.id)}
    review(briefed, ReviewAction(rank=2, status="YELLOW", feedback="warmer light, show the pouch"),
           ReviewAction(rank=1, status="RED"))
    with briefed.db.transaction() as conn:
        after = {b.rank: b for b in load_briefs(conn, briefed.company.id)}
        reviews = conn.execute("select status, feedback, reviewer_label, processed_at, brief_version "
                               "from creative_reviews order by created_at").fetchall()
    assert after[2].image.subheadline.startswith("Revised: warmer light")
    assert after[2].history[0]["image"] == before[2].image_body and after[2].history[0]["feedback"]
    assert after[1].image_body != before[1].image_body and after[1].history[0]["review"] == "RED"
    assert after[1].creative_name == before[1].creative_name  # the name ad platforms match on stays
    assert [r["status"] for r in reviews] == ["GREEN", "GREEN", "GREEN", "YELLOW", "RED"]
    assert all(r["processed_at"] for r in reviews) and {r["reviewer_label"] for r in reviews} == {"test-reviewer"}
    assert evaluate(briefed, first.cursor).skip_reason.skip_message == "no new approvals"

    assert all(ok for _, _, ok in briefed.run("ad_videos"))  # the rejected creative loses its video
    assert video_ranks(briefed) == [3]
    meta = last_metadata(briefed.instance, "ad_videos")
    assert meta["kept_unchanged"] == 1 and meta["rendered"] == 0 and meta["removed"] == 1
    storage = briefed.resources["supabase"].storage()
    assert sorted(p for p in storage.list(briefed.company.slug) if p.endswith("video.mp4")) == [
        v["storage_path"] for v in media_rows(briefed.db, briefed.company.id, "video")]

    review(briefed, ReviewAction(rank=2, status="GREEN"))  # the revised brief is approved
    second = evaluate(briefed, first.cursor)
    assert second.run_requests[0].run_key != first.run_requests[0].run_key
    launch(briefed, second)
    assert video_ranks(briefed) == [2, 3]
    assert last_metadata(briefed.instance, "ad_videos")["rendered"] == 1


def test_gate_off_renders_the_top_n_without_review_and_the_sensor_stands_down(briefed: Briefed) -> None:
    ungated = build_resources(briefed.settings.model_copy(update={"video_approval_gate": False, "video_top_n": 2}))
    assert "gate is off" in evaluate(briefed, None, ungated).skip_reason.skip_message
    assert all(ok for _, _, ok in briefed.run("ad_videos", resources=ungated))
    assert video_ranks(briefed) == [1, 2]


def test_approvals_for_a_company_without_a_partition_are_not_skipped(briefed: Briefed) -> None:
    """The partition is added with the run; the approval waits (not skipped) until a run handles it."""
    review(briefed, ReviewAction(rank=1, status="GREEN"))
    briefed.instance.delete_dynamic_partition("company", briefed.company.slug)
    first = evaluate(briefed, None)
    assert [r.partition_key for r in first.run_requests] == [briefed.company.slug]
    assert first.dynamic_partitions_requests[0].partition_keys == [briefed.company.slug]
    again = evaluate(briefed, None)  # not handled yet: still waiting, same run key (no second launch)
    assert again.run_requests[0].run_key == first.run_requests[0].run_key
