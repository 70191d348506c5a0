"""A background process's PostgreSQL session lowered with it (centre/db_niceness.py), on a real server: the
session's server process and, where the kernel groups processes by session, its group."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg

from centre.db_niceness import _lower_autogroup, lower_session
from tests.server.postgres import PrivatePostgres


class _Session:
    """What lower_session reads of a Django connection."""

    vendor = "postgresql"

    def __init__(self, connection: psycopg.Connection[Any], host: str) -> None:
        self.connection = connection
        self.settings_dict = {"HOST": host}

    def cursor(self) -> psycopg.Cursor[Any]:
        return self.connection.cursor()


def test_a_session_is_lowered_with_its_scheduling_group(cluster: PrivatePostgres) -> None:
    with psycopg.connect(cluster.url, autocommit=True) as connection:
        backend = connection.info.backend_pid
        assert lower_session(_Session(connection, str(cluster.root)), 10)
        assert os.getpriority(os.PRIO_PROCESS, backend) == 10
        # Debian's kernels group processes by session (CONFIG_SCHED_AUTOGROUP), the CI machine's too.
        assert Path(f"/proc/{backend}/autogroup").read_text().split()[-1] == "10"  # "/autogroup-N nice 10"


def test_a_kernel_without_autogroups_leaves_only_the_niceness_to_lower(tmp_path: Path) -> None:
    (tmp_path / "41").mkdir()
    _lower_autogroup(41, 19, proc=tmp_path)  # no file: nothing to lower, no error
    assert not (tmp_path / "41" / "autogroup").exists()


def test_a_session_over_the_network_is_left_alone(cluster: PrivatePostgres) -> None:
    with psycopg.connect(cluster.url, autocommit=True) as connection:
        assert not lower_session(_Session(connection, "db.example.org"), 10)
        assert os.getpriority(os.PRIO_PROCESS, connection.info.backend_pid) == 0
