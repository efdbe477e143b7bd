"""Run every benchmark: each prints its table and writes benchmarks/results/<name>.json."""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = ["benchmarks.pipeline_chain", "benchmarks.perf_parse_and_insights", "benchmarks.performance_import",
              "benchmarks.spend_backfill", "benchmarks.estimate_vs_actual"]


def main() -> int:
    failures = 0
    for module in BENCHMARKS:
        print(f"\n=== {module}", flush=True)
        failures += subprocess.call([sys.executable, "-m", module]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
