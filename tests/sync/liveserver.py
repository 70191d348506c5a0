"""The centre on loopback for tests: `terminal-server serve` as its own process (the real thing), plus what
tests inspect (read straight from its database) and the staff commands (through its command line)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from terminal.centre_process import CentreProcess, free_port
from terminal.store.db import Database
from tests.sync.migrated_template import copy_migrated_sqlite

__all__ = ["LiveServer", "free_port"]

TEST_SECRET_KEY = "test-secret-key-" + "x" * 40
TEST_AGENCY_ID = "91310000MA1FL0000X"
TEST_AGENCY_NAME = "测试家政服务有限公司"


def query(db_url: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read a centre's database directly (SQLite file or PostgreSQL), for assertions; a statement that returns no
    rows (a test's own change, committed) gives []."""
    if db_url.startswith("sqlite"):
        with sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=30) as conn:
            return list(conn.execute(sql, params).fetchall())
    import psycopg

    from centre.config import database_settings

    s = database_settings(db_url)
    with psycopg.connect(dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"]) as conn:
        cursor = conn.execute(sql.replace("?", "%s"), params)
        return list(cursor.fetchall()) if cursor.description is not None else []


class LiveServer(CentreProcess):
    def __init__(self, db: Path | str, demo: bool = False, port: int | None = None, analytics: bool = False) -> None:
        # The centre's home (its signing key) sits beside its database, so a restarted centre is the same centre.
        home = str(db) + ".home" if not isinstance(db, str) else tempfile.mkdtemp(prefix="centre-home-")
        # Bulk workers start on the first bulk request: most tests never make one, and starting them costs seconds
        # of the suite's two cores (tests/server/test_bulk_process.py checks the production start too).
        env = {"CENTRE_SECRET_KEY": TEST_SECRET_KEY, "CENTRE_HOME": home, "CENTRE_BULK_LAZY": "1",
               # The analytics follower process only where a test looks at the analysis (tests/analytics).
               "CENTRE_ANALYTICS_FOLLOWER": "1" if analytics else "0"}  # fmt: skip
        super().__init__(db, demo=demo, port=port, env=env)
        self._fresh_file = db if isinstance(db, Path) and not db.exists() else None

    def start(self, timeout: float = 60.0) -> LiveServer:
        if self._fresh_file is not None and not self._fresh_file.exists():
            copy_migrated_sqlite(self._fresh_file)  # the schema ready, as a migrated centre has it
        super().start(timeout)
        return self

    def enrolment_code(self, agency_id: str = TEST_AGENCY_ID, agency_name: str = TEST_AGENCY_NAME) -> str:
        return super().enrolment_code(agency_id, agency_name)

    def code_for(self, db: Database) -> str:
        """A code for the agency of a terminal's data folder."""
        agency = db.query_one("SELECT name, credit_code FROM agency WHERE id = 1")
        assert agency is not None
        return self.enrolment_code(str(agency["credit_code"]), str(agency["name"]))

    def set_credential_status(self, credential_no: str, status: str, reason: str) -> None:
        verb = {"revoked": "revoke", "suspended": "suspend", "valid": "resume"}[status]
        self.command(verb, credential_no, "--reason", reason)

    def post_check_result(self, id_number: str, result: str) -> None:
        self.command("check-result", id_number, "--result", result)

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return query(self.db_url, sql, *params)

    def event_ids(self, terminal_id: str, status: str | None = "accepted") -> list[str]:
        sql = "SELECT event_id FROM events WHERE terminal_id = ?"
        rows = self.query(sql + " AND status = ?", terminal_id, status) if status else self.query(sql, terminal_id)
        return [row[0] for row in rows]

    def record_version(self, entity: str, entity_uid: str) -> int | None:
        rows = self.query("SELECT version FROM records WHERE entity = ? AND entity_uid = ?", entity, entity_uid)
        return rows[0][0] if rows else None
