"""A private PostgreSQL server for tests: its own cluster in a temporary folder, reached over a Unix socket
there, run as the `postgres` user (PostgreSQL refuses to run as root), stopped and removed afterwards."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from terminal.centre_process import CentreProcess, schema_only_env


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is missing: install the Debian package postgresql")
    return found[-1]


class PrivatePostgres:
    def __init__(self, root: Path, port: int = 54329) -> None:
        self.root = root
        self.data = root / "data"
        self.port = port
        self._template_made = False

    def _as_postgres(self, *argv: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=True, capture_output=True, timeout=60)

    def start(self) -> PrivatePostgres:
        shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o755)
        self._as_postgres(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._as_postgres(_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l", str(self.root / "log"), "start")
        self._as_postgres(_bin("createdb"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "centre")
        return self

    @property
    def url(self) -> str:
        return self.url_of("centre")

    def url_of(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.root}&port={self.port}"

    def create_database(self, name: str, migrated: bool = True) -> str:
        """A fresh database in the same cluster (one per test), and its URL: by default a copy of one the centre
        has migrated (made once per cluster: migrating each test's database was most of a centre's start)."""
        template = ["-T", self._migrated_template()] if migrated else []
        self._as_postgres(_bin("createdb"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", *template,
                          name)  # fmt: skip
        return self.url_of(name)

    def _migrated_template(self) -> str:
        name = "centre_migrated_template"
        if not self._template_made:
            self._as_postgres(_bin("createdb"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", name)
            CentreProcess(self.url_of(name), env=schema_only_env(self.root / "template-home")).command("db", "upgrade")
            self._template_made = True
        return name

    def stop(self) -> None:
        self._as_postgres(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
