"""`daily_insights_schedule`: performance insights every day at 02:00 UTC, for the period ending
yesterday (yesterday's exports are complete by then). Built from the daily-partitioned job, so
each tick requests the newest complete day's partition — and a missed day is a backfill away."""

from dagster import DefaultScheduleStatus, build_schedule_from_partitioned_job

from creative_pipeline.domain.performance import INSIGHTS_PERIOD_DAYS
from creative_pipeline.jobs import launched_by_tags, performance_insights_daily_job

daily_insights_schedule = build_schedule_from_partitioned_job(
    performance_insights_daily_job, name="daily_insights_schedule", hour_of_day=2, minute_of_hour=0,
    default_status=DefaultScheduleStatus.RUNNING, tags=launched_by_tags("schedule"),
    description=f"Insights for the {INSIGHTS_PERIOD_DAYS} days ending yesterday, every day at 02:00 UTC.",
)
