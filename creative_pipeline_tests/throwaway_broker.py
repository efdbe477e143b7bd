"""A private RabbitMQ virtual host for one test module or benchmark run.

The broker on a machine is shared: a Celery worker of someone else's `make multi`, e2e test or
benchmark on the default vhost would take this run's steps from the `dagster` queue (and run them
against its own instance), so each run gets its own vhost and deletes it afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def rabbit_vhost(user: str = "guest", prefix: str = "cp_bench") -> Iterator[str | None]:
    """A fresh vhost `user` may use (its name), deleted afterwards; None where rabbitmqctl is not
    usable here (then the caller stays on the default vhost and says so)."""
    ctl = shutil.which("rabbitmqctl")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    made = False
    if ctl:
        made = subprocess.run([ctl, "add_vhost", name], capture_output=True, timeout=60).returncode == 0
        made = made and subprocess.run([ctl, "set_permissions", "-p", name, user, ".*", ".*", ".*"],
                                       capture_output=True, timeout=60).returncode == 0
    try:
        yield name if made else None
    finally:
        if made:
            subprocess.run([ctl, "delete_vhost", name], capture_output=True, timeout=60)
