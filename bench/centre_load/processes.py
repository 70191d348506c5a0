"""Several application processes of the centre against one database, on loopback ports, as production runs them
behind a reverse proxy (docs/centre-deployment.md): each is `terminal-server serve` of its own."""

from __future__ import annotations

import concurrent.futures
import tempfile
from pathlib import Path

import psutil

from terminal.centre_process import CentreProcess

SECRET_KEY = "bench-secret-key-" + "y" * 40
STARTING_S = 240.0  # several processes starting at once on a busy 2-core machine take their time
STOPPING_S = 60.0  # the follower ends after the pass under way


class AppProcesses:
    """N processes sharing one database, one centre home (the signing key) and one metrics folder."""

    def __init__(self, db_url: str, count: int, env: dict[str, str] | None = None, home: Path | None = None,
                 ports: list[int] | None = None) -> None:  # fmt: skip
        self.home = home or Path(tempfile.mkdtemp(prefix="centre-home-"))
        shared = {"CENTRE_HOME": str(self.home), "CENTRE_SECRET_KEY": SECRET_KEY,
                  "PROMETHEUS_MULTIPROC_DIR": str(self.home / "metrics"), **(env or {})}  # fmt: skip
        chosen: list[int | None] = list(ports) if ports else [None] * count
        # One analytics follower for the installation (the deployment runs it as one unit): beside the first only.
        self.processes = [CentreProcess(db_url, env=shared if i == 0 else {**shared, "CENTRE_ANALYTICS_FOLLOWER": "0"},
                                        port=port) for i, port in enumerate(chosen)]  # fmt: skip
        self.db_url = db_url

    @property
    def urls(self) -> list[str]:
        return [process.url for process in self.processes]

    def start(self) -> AppProcesses:
        # The first applies the migrations and makes the keys; the others then find both, and start together.
        try:
            self.processes[0].start(STARTING_S)
            with concurrent.futures.ThreadPoolExecutor(max_workers=len(self.processes)) as pool:
                for started in [pool.submit(process.start, STARTING_S) for process in self.processes[1:]]:
                    started.result()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        # Their children too (bulk workers, the analytics follower in the middle of a pass): none may outlive the
        # phase and still use the database when the next phase starts or the cluster is removed.
        children = [child for pid in self.pids() for child in _children(pid)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(self.processes)) as pool:
            for stopped in [pool.submit(process.stop) for process in self.processes]:
                stopped.result()
        _, alive = psutil.wait_procs(children, timeout=STOPPING_S)
        for child in alive:
            child.kill()

    def pids(self) -> list[int]:
        """The application processes' ids (their bulk workers and the follower are their children): the processes
        listening on their ports."""
        ports = {process.port for process in self.processes}
        return sorted({c.pid for c in psutil.net_connections("tcp")
                       if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port in ports and c.pid})  # fmt: skip

    def command(self, *argv: str) -> str:
        return self.processes[0].command(*argv).stdout

    def __enter__(self) -> AppProcesses:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def _children(pid: int) -> list[psutil.Process]:
    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.NoSuchProcess:
        return []
