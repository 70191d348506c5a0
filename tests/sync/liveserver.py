"""The centre on loopback for tests: `terminal-server serve` as its own process (the real thing), plus what
tests inspect (read straight from its database) and the staff commands (through its command line)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

__all__ = ["LiveServer", "free_port"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    def __init__(self, db: Path | str, demo: bool = False, port: int | None = None) -> None:
        self.db_url = db if isinstance(db, str) else f"sqlite:///{db}"
        self.demo = demo
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["CENTRE_SECRET_KEY"] = "test-secret-key-" + "x" * 40
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def command(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run `terminal-server ARGV… --db URL` (a staff command) and return its result."""
        return subprocess.run([sys.executable, "-m", "centre.cli", *argv, "--db", self.db_url], env=self.env(),
                              capture_output=True, text=True, timeout=120, check=check)  # fmt: skip

    def start(self, timeout: float = 60.0) -> LiveServer:
        argv = [sys.executable, "-m", "centre.cli", "serve", "--db", self.db_url, "--port", str(self.port),
                "--stop-on-eof"]  # fmt: skip
        if self.demo:
            argv.append("--demo")
        self._process = subprocess.Popen(argv, env=self.env(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"the centre exited with {self._process.returncode} while starting")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).ok:
                    return self
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the centre did not start")
            time.sleep(0.05)  # polling a starting process: there is no signal to wait on

    def stop(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()  # --stop-on-eof: a clean shutdown
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
            self._process = None

    def enrolment_code(self) -> str:
        return self.command("enrol-code").stdout.split()[-1]

    def set_credential_status(self, credential_no: str, status: str, reason: str) -> None:
        verb = {"revoked": "revoke", "suspended": "suspend", "valid": "resume"}[status]
        self.command(verb, credential_no, "--reason", reason)

    def post_check_result(self, id_number: str, result: str) -> None:
        self.command("check-result", id_number, "--result", result)

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Read the centre's database directly (SQLite file or PostgreSQL), for assertions."""
        if self.db_url.startswith("sqlite"):
            with sqlite3.connect(self.db_url.removeprefix("sqlite:///"), timeout=30) as conn:
                return list(conn.execute(sql, params).fetchall())
        import psycopg

        from centre.config import database_settings

        s = database_settings(self.db_url)
        with psycopg.connect(dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"]) as conn:
            return list(conn.execute(sql.replace("?", "%s"), params).fetchall())

    def event_ids(self, terminal_id: str, status: str | None = "accepted") -> list[str]:
        sql = "SELECT event_id FROM events WHERE terminal_id = ?"
        rows = self.query(sql + " AND status = ?", terminal_id, status) if status else self.query(sql, terminal_id)
        return [row[0] for row in rows]

    def record_version(self, entity: str, entity_uid: str) -> int | None:
        rows = self.query("SELECT version FROM records WHERE entity = ? AND entity_uid = ?", entity, entity_uid)
        return rows[0][0] if rows else None
