"""`insights_refresh_sensor`: when an import lands (a `performance_data` materialization), refresh
the latest day's insights — the partition `daily_insights_schedule` fills at 02:00 UTC — so new
results show without waiting for tomorrow's tick.

An asset sensor rather than an automation condition: `performance_insights` depends on every
import partition (AllPartitionMapping), so an `eager()` condition would wait on any import that
never materialized (a failed upload) and could never fire. The sensor's cursor is the last
materialization it saw: several imports landing between two ticks give one refresh.
"""

from dagster import (
    AssetKey,
    DefaultSensorStatus,
    EventLogEntry,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    asset_sensor,
)

from creative_pipeline.jobs import launched_by_tags, performance_insights_daily_job
from creative_pipeline.partitions import insights_day_partitions


@asset_sensor(asset_key=AssetKey("performance_data"), job=performance_insights_daily_job, minimum_interval_seconds=30,
              default_status=DefaultSensorStatus.RUNNING)
def insights_refresh_sensor(context: SensorEvaluationContext, asset_event: EventLogEntry) -> RunRequest | SkipReason:
    day = insights_day_partitions.get_last_partition_key()
    if day is None:
        return SkipReason("no daily insights partition yet")
    return RunRequest(
        run_key=f"insights-{day}-after-{asset_event.run_id}", partition_key=day,
        tags={"refresh_after_import": (asset_event.dagster_event.partition or "") if asset_event.dagster_event else "",
              **launched_by_tags("sensor")},
    )
