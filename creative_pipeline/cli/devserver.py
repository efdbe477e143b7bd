"""Start `dagster dev` with SIGINT/SIGTERM restored.

A process started with `&` from a script inherits SIG_IGN for both signals, and `dagster dev`
then ignores Ctrl-C and `kill` (STACK_NOTES). Resetting them before exec makes it stoppable.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    dagster = os.path.join(os.path.dirname(sys.executable), "dagster")
    args = sys.argv[1:] or ["dev", "-h", "127.0.0.1", "-p", "3000", "-w", "workspace.yaml"]
    os.execv(dagster, [dagster, *args])


if __name__ == "__main__":
    main()
