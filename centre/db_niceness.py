"""Background processes' PostgreSQL sessions at the background's priority.

The bulk workers (push, pull) and the analytics follower lower their own priority so that the pages come first
(centre/bulk_process.py, centre/analytics/cli.py). Half of a push's processor time is PostgreSQL's, though, and a
session's server process ran at the pages' priority: on the two-core machine it held the verification page up as
much as the workers did. So such a process lowers its sessions' server processes too, where it may.

PostgreSQL starts each session's server process in a session of its own (setsid), and where the kernel groups
processes by session (autogroup, the default on desktop and server kernels without a cpu cgroup per service) a
process's niceness only orders it within its group: each session competed with the centre's whole process tree as
an equal, whatever its niceness (bench centre-load, per-task scheduler statistics). So the session's group is
lowered as well (/proc/PID/autogroup), where the kernel has one.

Only a session over a Unix socket can be this machine's (a number from a server elsewhere would name some process
here), and only a process that is a PostgreSQL backend and may be lowered is (the centre running as root or as the
database's user, or with CAP_SYS_NICE): otherwise nothing is done. A deployment with the database on a machine of
its own has no need of it (docs/centre-deployment.md)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

_niceness = [0]


def yield_database_sessions(niceness: int) -> None:
    """This process's PostgreSQL sessions, the open ones and those opened later, at `niceness`."""
    from django.db import connections
    from django.db.backends.signals import connection_created

    _niceness[0] = niceness
    connection_created.connect(_created, weak=False, dispatch_uid="centre.db_niceness")
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            lower_session(connection, niceness)


def _created(sender: object, connection: Any, **kwargs: object) -> None:
    lower_session(connection, _niceness[0])


def lower_session(connection: Any, niceness: int) -> bool:
    """Lower the server process of this Django connection's session; whether it was."""
    if connection.vendor != "postgresql" or not str(connection.settings_dict.get("HOST") or "").startswith("/"):
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    try:
        with open(f"/proc/{int(backend)}/comm", encoding="ascii", errors="replace") as comm:
            if not comm.read().startswith("postgres"):
                return False
        os.setpriority(os.PRIO_PROCESS, int(backend), niceness)
        _lower_autogroup(int(backend), niceness)
    except OSError:  # not this machine's process, gone, or not ours to lower
        return False
    return True


def _lower_autogroup(process: int, niceness: int, proc: Path = Path("/proc")) -> None:
    """The process's scheduling group at `niceness`; a kernel without autogroups has no such file, and nothing to
    lower (opened to change, never to create)."""
    with contextlib.suppress(FileNotFoundError), (proc / str(process) / "autogroup").open("r+", encoding="ascii") as group:
        group.write(str(niceness))
