"""Start `dagster dev` on the embedded default the way it works every time.

Two things `dagster dev` cannot do for itself here:
- The embedded PostgreSQL must be started once, *outside* Dagster's code server: started for the
  first time inside the code server (a gRPC subprocess) it has been seen to die as it starts,
  and every sensor tick then failed. So without DATABASE_URL this launcher starts (or joins) the
  embedded server, applies the migrations, and hands its URL down as DATABASE_URL to the
  webserver, the daemon, the code server and every run: all of them use the same database.
- A process started with `&` from a script inherits SIG_IGN for SIGINT/SIGTERM, and `dagster dev`
  then ignores Ctrl-C and `kill` (STACK_NOTES). Resetting them before exec makes it stoppable.

`--with-studio HOST:PORT` (what `make dev` passes) also starts the studio beside the UI, on the same
database; it is told to stop when its parent (dagster dev, after the exec) dies, and it shares the
process group, so stopping `make dev` stops both.
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


def _die_with_parent() -> None:
    """In the studio's process: SIGTERM when the parent (dagster dev, after exec) exits (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def start_studio(host_port: str, env: dict[str, str]) -> str:
    import subprocess

    host, _, port = host_port.rpartition(":")
    subprocess.Popen([sys.executable, "-m", "creative_pipeline.cli.main", "studio", "--host", host, "--port", port],
                     env=env, preexec_fn=_die_with_parent)
    return f"http://{host}:{port}/"


def _ui_address(args: list[str]) -> str:
    host = args[args.index("-h") + 1] if "-h" in args else "127.0.0.1"
    port = args[args.index("-p") + 1] if "-p" in args else "3000"
    return f"http://{host}:{port}/"


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    env = {**os.environ, **embedded_database_env()}
    dagster = os.path.join(os.path.dirname(sys.executable), "dagster")
    args = sys.argv[1:]
    studio = None
    if args[:1] == ["--with-studio"]:
        studio, args = args[1], args[2:]
    args = args or ["dev", "-h", "127.0.0.1", "-p", "3000", "-w", "workspace.yaml"]
    if studio:
        env.setdefault("DAGSTER_UI_URL", _ui_address(args).rstrip("/"))
        print(f"Dagster UI (operators): {_ui_address(args)}\nstudio (creative team): {start_studio(studio, env)}",
              file=sys.stderr, flush=True)
    os.execve(dagster, [dagster, *args], env)


if __name__ == "__main__":
    main()
