"""A run worker as the daemon starts one: a fresh process, the project's executor (`CP_EXECUTOR`,
in_process by default), a step in the `gemini_text` pool, the instance in DAGSTER_HOME. The step
prints when it held its slot so the test can tell whether two runs overlapped."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from dagster import DagsterInstance, Definitions, asset, define_asset_job

from creative_pipeline.executors import build_executor
from creative_pipeline.settings import Settings

HOLD_S = float(sys.argv[1])
BARRIER, PARTIES = Path(sys.argv[2]), int(sys.argv[3])  # every worker starts its run at once


@asset(pool="gemini_text")
def pooled_step() -> None:
    began = time.time()
    time.sleep(HOLD_S)
    print("SPAN " + json.dumps([began, time.time()]), flush=True)


def main() -> int:
    defs = Definitions(assets=[pooled_step], jobs=[define_asset_job("pool_probe", [pooled_step])],
                       executor=build_executor(Settings()))
    (BARRIER / str(os.getpid())).touch()
    while len(list(BARRIER.iterdir())) < PARTIES:
        time.sleep(0.05)
    with DagsterInstance.get() as instance:
        return 0 if defs.resolve_job_def("pool_probe").execute_in_process(instance=instance).success else 1


if __name__ == "__main__":
    raise SystemExit(main())
