"""A background process's PostgreSQL session lowered with it (centre/db_niceness.py), on a real server: the
session's server process and, where the kernel groups processes by session, its group."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest

from centre.db_niceness import lower_session
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
        group = Path(f"/proc/{backend}/autogroup")
        if not group.exists():
            pytest.skip("this kernel does not group processes by session")
        assert group.read_text().split()[-1] == "10"  # "/autogroup-N nice 10"


def test_a_session_over_the_network_is_left_alone(cluster: PrivatePostgres) -> None:
    with psycopg.connect(cluster.url, autocommit=True) as connection:
        assert not lower_session(_Session(connection, "db.example.org"), 10)
        assert os.getpriority(os.PRIO_PROCESS, connection.info.backend_pid) == 0
