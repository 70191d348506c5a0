"""A private PostgreSQL cluster for the load bench and the deployment drills: its own folder, a Unix socket there
(no TCP), run as the `postgres` user (PostgreSQL refuses root). Beyond tests/server/postgres.py it archives its
WAL (point-in-time recovery), serves streaming replicas, takes base backups and dumps, and starts a copy."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is missing: install the Debian package postgresql")
    return found[-1]


def as_postgres(*argv: str, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=True, capture_output=True,
                          input=stdin, timeout=120)  # fmt: skip
    return done.stdout


def postgres_folder(prefix: str) -> Path:
    """A folder the `postgres` user owns (not under pytest's temporary folder: that is private to root)."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.chown(root, "postgres", "postgres")
    os.chmod(root, 0o755)
    return root


class Cluster:
    def __init__(self, root: Path, port: int, archive: Path | None = None) -> None:
        self.root = root  # the socket lives here
        self.data = root / "data"
        self.port = port
        self.archive = archive

    @classmethod
    def create(cls, prefix: str, port: int, archive: bool = False) -> Cluster:
        root = postgres_folder(prefix)
        wal_archive = root / "archive" if archive else None
        if wal_archive is not None:
            wal_archive.mkdir()
            shutil.chown(wal_archive, "postgres", "postgres")
        cluster = cls(root, port, wal_archive)
        as_postgres(pg_bin("initdb"), "-D", str(cluster.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        return cluster

    def options(self) -> str:
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off -c max_connections=200"
        if self.archive is not None:
            options += f" -c archive_mode=on -c archive_command='cp %p {self.archive}/%f' -c wal_level=replica"
        return options

    def start(self) -> Cluster:
        as_postgres(pg_bin("pg_ctl"), "-D", str(self.data), "-o", self.options(), "-w", "-t", "60", "-l",
                    str(self.root / "log"), "start")  # fmt: skip
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            as_postgres(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.root}&port={self.port}"

    def createdb(self, name: str) -> str:
        as_postgres(pg_bin("createdb"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def sql(self, database: str, statement: str) -> str:
        """Run one statement with psql; its rows as text (tab-separated, no headers)."""
        out = as_postgres(pg_bin("psql"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "-d", database,
                          "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", statement)  # fmt: skip
        return out.decode("utf-8").strip()

    def dump(self, database: str, to: Path) -> None:
        """pg_dump in its custom format, as docs/centre-deployment.md says to take it."""
        as_postgres(pg_bin("pg_dump"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "-Fc",
                    "-f", str(to), database)  # fmt: skip

    def restore(self, dump: Path, database: str) -> str:
        self.createdb(database)
        as_postgres(pg_bin("pg_restore"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres",
                    "--no-owner", "--exit-on-error", "-d", database, str(dump))  # fmt: skip
        return self.url(database)

    def base_backup(self, to: Path, standby: bool = False) -> None:
        """pg_basebackup of the whole cluster with the WAL it needs; `standby` writes the replica's settings (-R)."""
        argv = [pg_bin("pg_basebackup"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "-D", str(to),
                "-X", "stream", "-c", "fast"]  # fmt: skip
        as_postgres(*argv, *(["-R"] if standby else []))

    def copy_from_backup(self, prefix: str, port: int, backup: Path) -> Cluster:
        """A new cluster whose data folder is a base backup (a replica, or a recovery drill)."""
        copy = Cluster(postgres_folder(prefix), port)
        as_postgres("cp", "-a", str(backup), str(copy.data))
        return copy

    def switch_wal(self, database: str) -> str:
        """Close the current WAL segment so it is archived now; its file name."""
        return self.sql(database, "SELECT pg_walfile_name(pg_switch_wal())")

    def recover_to(self, archive: Path, target_time: str) -> None:
        """Set this (stopped) copy of a base backup to replay the archived WAL up to `target_time` and then become a
        primary of its own: docs/centre-deployment.md, "Point-in-time recovery"."""
        settings = (f"restore_command = 'cp {archive}/%f %p'\nrecovery_target_time = '{target_time}'\n"
                    "recovery_target_action = 'promote'\n")  # fmt: skip
        with (self.data / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
            conf.write(settings)
        (self.data / "recovery.signal").touch()
        shutil.chown(self.data / "recovery.signal", "postgres", "postgres")
