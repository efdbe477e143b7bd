"""A Celery worker of the multi-machine setup (docs/deployment.md):

    CP_EXECUTOR=celery celery -A creative_pipeline.celery_worker worker -Q dagster --prefetch-multiplier=1

It takes the steps that runs submit to the broker (`CELERY_BROKER_URL`) and executes them against
the shared Dagster instance (`DAGSTER_HOME`, storage on Postgres), so it needs the same settings as
the run worker. The app is built exactly as dagster-celery's executor builds its own, so both sides
agree on queue, routing and task names.
"""

from __future__ import annotations

from dagster_celery.config import DEFAULT_CONFIG, dict_wrapper
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_execute_job_task, create_resume_job_task, create_task

from creative_pipeline.executors import celery_app_args
from creative_pipeline.settings import get_settings

app = make_app({**celery_app_args(get_settings()), "config_source": dict_wrapper(dict(DEFAULT_CONFIG))})
execute_plan = create_task(app)
execute_job = create_execute_job_task(app)
resume_job = create_resume_job_task(app)
