"""Start `dagster dev` on the embedded default the way it works every time.

Two things `dagster dev` cannot do for itself here:
- The embedded PostgreSQL must be started once, *outside* Dagster's code server: started for the
  first time inside the code server (a gRPC subprocess) it has been seen to die as it starts,
  and every sensor tick then failed. So without DATABASE_URL this launcher starts (or joins) the
  embedded server, applies the migrations, and hands its URL down as DATABASE_URL to the
  webserver, the daemon, the code server and every run: all of them use the same database.
- A process started with `&` from a script inherits SIG_IGN for SIGINT/SIGTERM, and `dagster dev`
  then ignores Ctrl-C and `kill` (STACK_NOTES). Resetting them before exec makes it stoppable.
"""

from __future__ import annotations

import os
import signal
import sys


def embedded_database_env() -> dict[str, str]:
    """{"DATABASE_URL": url} of the embedded server, started and migrated now; {} when set."""
    from creative_pipeline.resources.supabase.database import get_database
    from creative_pipeline.settings import Settings

    s = Settings()
    if s.database_url:
        return {}
    db = get_database(None, s.data_dir, s.supabase_dir)  # starts or joins the server, migrates it
    print(f"embedded PostgreSQL for dagster dev: {db.url}", file=sys.stderr)
    db.close()
    return {"DATABASE_URL": db.url}


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    env = {**os.environ, **embedded_database_env()}
    dagster = os.path.join(os.path.dirname(sys.executable), "dagster")
    args = sys.argv[1:] or ["dev", "-h", "127.0.0.1", "-p", "3000", "-w", "workspace.yaml"]
    os.execve(dagster, [dagster, *args], env)


if __name__ == "__main__":
    main()
