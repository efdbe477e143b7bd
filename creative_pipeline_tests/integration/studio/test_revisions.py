"""A revision asked for in the studio: the web request stores the decision and returns without a
provider call; brief_revisions_sensor turns the pending review into a run of the defined
`creative_revisions` job, and that run regenerates the brief (version + 1, feedback in history)."""

from __future__ import annotations

import tempfile

from dagster import SensorResult, build_sensor_context, instance_for_test

from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.reviews import pending_revisions
from creative_pipeline.sensors.brief_revisions import brief_revisions_sensor
from creative_pipeline.services.runs import launch
from creative_pipeline_tests.integration.studio.conftest import Studio


def usage_rows(studio: Studio) -> int:
    with studio.db.transaction() as conn:
        return conn.execute("select count(*) as n from api_usage where company_id = %s",
                            (studio.owned.id,)).fetchone()["n"]


def brief_of(studio: Studio, rank: int):
    with studio.db.transaction() as conn:
        return next(b for b in load_briefs(conn, studio.owned.id) if b.rank == rank)


def test_a_revision_is_stored_at_once_and_regenerated_by_a_dagster_run(studio: Studio) -> None:
    client = studio.client()
    client.get("/")
    token = client.cookies["studio_csrf"]
    before, calls_before = brief_of(studio, 3), usage_rows(studio)
    feedback = "Make the headline about the morning ritual"
    response = client.post(f"/api/companies/{studio.owned.slug}/reviews", headers={"X-CSRF-Token": token},
                           json={"rank": 3, "status": "YELLOW", "feedback": feedback, "brief_version": before.version})
    assert response.status_code == 201, response.text
    assert (response.json()["status"], response.json()["feedback"]) == ("YELLOW", feedback)
    # the request made no provider call and left the brief alone: the decision waits, stored
    assert usage_rows(studio) == calls_before
    assert brief_of(studio, 3).version == before.version
    with studio.db.transaction() as conn:
        pending = pending_revisions(conn, 10, studio.owned.id)
    assert [(p.creative_name, p.status, p.feedback) for p in pending] == [(before.creative_name, "YELLOW", feedback)]
    assert client.get(f"/companies/{studio.owned.slug}").text.count('data-testid="revision-pending"') == 1

    with tempfile.TemporaryDirectory(dir="/dev/shm") as home, instance_for_test(temp_dir=home) as instance:
        context = build_sensor_context(instance=instance, resources={"supabase": studio.resources["supabase"]})
        result = brief_revisions_sensor(context)
        assert isinstance(result, SensorResult)
        [request] = result.run_requests
        assert request.partition_key == studio.owned.slug
        assert brief_revisions_sensor.job_name == "creative_revisions"
        assert request.run_key == f"brief-revisions-{studio.owned.slug}-{pending[0].id}"

        if not instance.has_dynamic_partition(company_partitions.name, studio.owned.slug):
            instance.add_dynamic_partitions(company_partitions.name, [studio.owned.slug])
        run = launch("creative_revisions", launched_by="sensor", partition_key=studio.owned.slug,
                     instance=instance, resources=studio.resources)
        assert run.success, run.error

        after = brief_of(studio, 3)
        assert after.version == before.version + 1 and after.creative_name == before.creative_name
        assert after.history[-1]["feedback"] == feedback and after.history[-1]["review"] == "YELLOW"
        assert usage_rows(studio) > calls_before  # the run, not the request, called the provider
        with studio.db.transaction() as conn:
            assert pending_revisions(conn, 10, studio.owned.id) == []  # applied: the sensor stands down
        assert brief_revisions_sensor(context).run_requests == []
    assert 'data-testid="revision-pending"' not in client.get(f"/companies/{studio.owned.slug}").text
