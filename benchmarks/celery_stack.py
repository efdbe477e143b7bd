"""The multi-machine setup on loopback, for `benchmarks/celery_backfill.py`: a private RabbitMQ
virtual host, and the daemon, webserver and Celery workers as process groups that are stopped
(then killed) whatever happens. Throwaway databases come from `creative_pipeline_tests/throwaway_db.py`,
the private vhost from `creative_pipeline_tests/throwaway_broker.py`.

A private vhost because the broker is shared: a Celery worker of someone else's `make multi` or
e2e test on the default vhost would take this run's steps (and run them against its own instance).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


class Processes:
    """Subprocesses in their own process groups, with their output in `logs/<name>.log`."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.procs: dict[str, subprocess.Popen] = {}
        logs.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        with (self.logs / f"{name}.log").open("wb") as log:
            self.procs[name] = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)

    def log(self, name: str, tail: int = 2000) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def dead(self) -> list[str]:
        return [name for name, p in self.procs.items() if p.poll() is not None]

    def stop_all(self, grace_s: float = 20.0) -> None:
        """SIGTERM to every group, then SIGKILL to the groups still there after `grace_s`."""
        for p in self.procs.values():
            _signal_group(p, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for p in self.procs.values():
            try:
                p.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(p, signal.SIGKILL)  # the group's children too (run workers, pool children)
            p.wait()

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_all()


def _signal_group(p: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(p.pid, sig)
    except ProcessLookupError:
        pass


def wait_for(what: str, ready, seconds: float, procs: Processes, interval: float = 0.5) -> None:
    """Poll `ready()` until it is true; fail early, with the logs, when a started process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        if dead := procs.dead():
            raise RuntimeError(f"{what}: {dead} exited early:\n" + "\n".join(procs.log(n) for n in dead))
        time.sleep(interval)
    raise TimeoutError(f"{what} not ready within {seconds:.0f} s")


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
