"""CPU seconds of a PostgreSQL server, for benchmarks on a shared machine.

Why: on a machine shared with other work, wall-clock seconds move with the load average (a 2-core
machine at load 12 stretches them 2-3x); the CPU seconds the server spends on a statement move
far less, so ratios in CPU seconds say what the work costs when the wall-clock ones cannot.
Linux only (/proc).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import psycopg

TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(url: str) -> float:
    """CPU seconds used so far by the database server: the postmaster, its live processes and the
    ones it has reaped (a finished connection's backend). A backend that is exiting reads as 0 in
    /proc until the postmaster has reaped it (seen: a closed connection's 2 s missing right after
    its client exited), so this reads until two readings 0.1 s apart agree (at most 3 s)."""
    with psycopg.connect(url) as conn:
        data_dir = conn.execute("show data_directory").fetchone()[0]
    postmaster = int(Path(data_dir, "postmaster.pid").read_text().split()[0])
    last = -1
    for _ in range(30):
        ticks, zombies = _ticks(postmaster)
        if ticks == last and not zombies:
            break
        last = ticks
        time.sleep(0.1)
    return ticks / TICK


def _ticks(postmaster: int) -> tuple[int, bool]:
    def fields(pid: int) -> list[str]:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    own = fields(postmaster)
    ticks, zombies = sum(int(own[i]) for i in (11, 12, 13, 14)), False  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                f = fields(int(entry.name))
            except OSError:
                continue
            if int(f[1]) == postmaster:
                ticks += int(f[11]) + int(f[12])
                zombies = zombies or f[0] == "Z"
    return ticks, zombies
