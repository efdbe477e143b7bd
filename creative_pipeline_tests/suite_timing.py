"""The suite's own timing, written where the benchmarks keep theirs.

Why: `make test` must stay under 25 minutes on a 2-core machine (issue 18); a figure that is only
printed is gone with the terminal. When `CP_SUITE_TIMING` names a file (the Makefile sets it), the
controlling process (the xdist controller, or the only process) writes the wall time, the worker
count, the outcome counts and the 20 slowest tests (setup + call + teardown) there as JSON.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

import pytest

_started = time.monotonic()
_durations: dict[str, float] = defaultdict(float)
_outcomes: dict[str, int] = defaultdict(int)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _durations[report.nodeid] += report.duration
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _outcomes[report.outcome] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("CP_SUITE_TIMING")
    if not target or hasattr(session.config, "workerinput"):  # an xdist worker: the controller writes
        return
    slowest = sorted(_durations.items(), key=lambda item: item[1], reverse=True)[:20]
    result = {
        "wall_s": round(time.monotonic() - _started, 1),
        "workers": session.config.getoption("numprocesses", default=None) or 1,
        "cpus": os.cpu_count(),
        "exit_status": int(exitstatus),
        "outcomes": dict(_outcomes),
        "slowest": [{"test": nodeid, "seconds": round(seconds, 1)} for nodeid, seconds in slowest],
    }
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
