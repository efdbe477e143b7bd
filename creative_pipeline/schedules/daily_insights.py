"""`daily_insights_schedule`: performance insights every day at 02:00 UTC, for the 28 days
ending yesterday (yesterday's exports are complete by then)."""

from datetime import timedelta

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, schedule

from creative_pipeline.jobs import performance_insights_job


@schedule(job=performance_insights_job, cron_schedule="0 2 * * *", execution_timezone="UTC",
          default_status=DefaultScheduleStatus.RUNNING)
def daily_insights_schedule(context: ScheduleEvaluationContext) -> RunRequest:
    day = (context.scheduled_execution_time - timedelta(days=1)).date()
    return RunRequest(
        run_key=f"insights-{day:%Y%m%d}",
        run_config={"ops": {"performance_insights": {"config": {"end_date": day.isoformat(), "period_days": 28}}}},
        tags={"insights_end_date": day.isoformat()},
    )
