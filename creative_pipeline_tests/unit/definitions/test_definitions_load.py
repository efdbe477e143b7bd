"""The cheap layer: the Definitions object loads, every job resolves with the partitions it
should have, and the performance loop's lineage is declared on the graph."""

from dagster import AllPartitionMapping, AssetKey, DailyPartitionsDefinition, LastPartitionMapping

from creative_pipeline.definitions import defs


def test_every_job_resolves_with_its_partitions() -> None:
    partitions = {}
    for name in ("company_pipeline", "company_videos", "performance_import", "performance_insights_daily"):
        job = defs.resolve_job_def(name)
        partitions[name] = job.partitions_def
    assert partitions["company_pipeline"].name == "company"
    assert partitions["company_videos"].name == "company"
    assert partitions["performance_import"].name == "performance_import"
    daily = partitions["performance_insights_daily"]
    assert isinstance(daily, DailyPartitionsDefinition) and daily.timezone == "UTC"


def test_triggers_point_at_the_partitioned_jobs() -> None:
    schedule = defs.resolve_schedule_def("daily_insights_schedule")
    assert schedule.job_name == "performance_insights_daily"
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 2 * * *", "UTC")
    assert defs.resolve_sensor_def("performance_uploads_sensor").job_name == "performance_import"
    assert defs.resolve_sensor_def("insights_refresh_sensor").job_name == "performance_insights_daily"
    assert defs.resolve_sensor_def("brief_revisions_sensor").job_name == "creative_revisions"
    assert defs.resolve_job_def("creative_revisions").partitions_def.name == "company"


def test_the_performance_loop_lineage_is_declared() -> None:
    graph = defs.resolve_asset_graph()
    insights, data, scores = AssetKey("performance_insights"), AssetKey("performance_data"), AssetKey("script_scores")
    assert data in graph.get(insights).parent_keys
    assert isinstance(graph.get_partition_mapping(insights, data), AllPartitionMapping)
    assert insights in graph.get(scores).parent_keys
    assert isinstance(graph.get_partition_mapping(scores, insights), LastPartitionMapping)
    assert graph.get(data).partitions_def.name == "performance_import"
    for key in (data, insights):
        assert graph.get(key).description, f"{key} has no description in the UI"


def test_every_defined_job_resolves() -> None:
    jobs = defs.resolve_all_job_defs()
    names = {job.name for job in jobs if not job.name.startswith("__")}
    assert names == {"company_pipeline", "company_videos", "performance_import", "performance_insights_daily",
                     "creative_revisions"}
    for name in names:
        assert defs.resolve_job_def(name).description, f"job {name} has no description"


def test_every_asset_and_check_has_a_description() -> None:
    """None shows "No description found" in the UI."""
    graph = defs.resolve_asset_graph()
    missing = [k.to_user_string() for k in graph.get_all_asset_keys() if not graph.get(k).description]
    assert missing == []
    checks = [spec.name for c in defs.asset_checks or [] for spec in c.check_specs if not spec.description]
    assert checks == []


def test_the_executor_is_chosen_from_settings() -> None:
    """Default: in-process (the sequential chain in the run worker); CP_EXECUTOR=multiprocess: a
    process per step; CP_EXECUTOR=celery: every job's steps go to the broker."""
    from dagster import Definitions

    from creative_pipeline.executors import build_executor
    from creative_pipeline.jobs import company_pipeline_job
    from creative_pipeline.settings import Settings

    assert build_executor(Settings()).name == "in_process"
    assert build_executor(Settings(CP_EXECUTOR="multiprocess")).name == "multiprocess"
    assert defs.resolve_job_def("company_pipeline").executor_def.name == "in_process"
    celery = build_executor(Settings(CP_EXECUTOR="celery"))
    assert celery is not None and celery.name == "celery"
    bound = Definitions(assets=list(defs.assets or []), asset_checks=list(defs.asset_checks or []),
                        jobs=[company_pipeline_job], resources=defs.resources, executor=celery)
    assert bound.resolve_job_def("company_pipeline").executor_def.name == "celery"
