"""Every run says who launched it (`creative_pipeline/launched_by`): the CLI, the demo and the studio
through services/runs.py (tested end to end in e2e/test_front_door.py), sensors on their RunRequests
(tested with each sensor), and the schedule on its definition (here)."""


def test_the_schedule_says_who_launched_its_runs() -> None:
    """Sensors tag their RunRequests (tested with them); the schedule's tag is on its definition."""
    from creative_pipeline.jobs import LAUNCHED_BY
    from creative_pipeline.schedules.daily_insights import daily_insights_schedule

    assert daily_insights_schedule.tags[LAUNCHED_BY] == "schedule"
