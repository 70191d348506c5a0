"""What `terminal --demo` runs beside the app: a demo home, and the centre as its own process on loopback (in
demo mode, so simulated identities are accepted and marked), with this terminal enrolled in it. The centre
stops with the app, and by itself if the app dies (it watches its standard input).

Qt-free: the app calls `start_demo_server(home)` on its network thread and keeps the returned stack until exit.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from terminal.centre_process import CentreNotInstalled, CentreProcess, port_is_free
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.usecases import setup

if TYPE_CHECKING:
    from terminal.sync.via_executor import Executor


log = logging.getLogger(__name__)

DEMO_PORT = 18650  # the README's and the demo cards' address: a person finds the demo centre where the docs say
DEMO_PORT_ENV = "TERMINAL_DEMO_PORT"  # another fixed port, or 0 for any free one (tests run demos side by side)
DEMO_WORKERS = 200
CENTRE_DB = "demo-centre.db"
CENTRE_HOME = "demo-centre"


@dataclass
class DemoStack:
    home: Home
    server: CentreProcess | None
    offline_reason: str | None = None

    @property
    def server_url(self) -> str | None:
        return self.server.url if self.server else None

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def ensure_demo_home(home: Home, workers: int = DEMO_WORKERS, progress: Callable[[int, int], None] | None = None) -> None:
    from terminal.usecases.demo import fill_demo

    if not home.exists():
        setup.init_demo_home(home, lambda db: fill_demo(db, workers, progress=progress))


def demo_port() -> int | None:
    """The port the demo centre asks for first: DEMO_PORT unless TERMINAL_DEMO_PORT names another; None (any free
    port) when that is 0."""
    wanted = os.environ.get(DEMO_PORT_ENV, "").strip()
    if not wanted:
        return DEMO_PORT
    try:
        port = int(wanted)
    except ValueError:
        log.warning("%s is not a port number; using %d", DEMO_PORT_ENV, DEMO_PORT)
        return DEMO_PORT
    return port if 0 < port < 65536 else None


def _start_centre(home: Home, port: int | None) -> CentreProcess:
    """The demo centre on `port` if free, else on any free port. A fixed port can be taken between the check and
    the centre's bind (another demo starting at the same moment): the centre then exits, and it starts again on a
    free port rather than leaving the demo offline."""
    env = {"CENTRE_HOME": str(home.root / CENTRE_HOME)}
    fixed = port if port is not None and port_is_free(port) else None
    try:
        return CentreProcess(home.root / CENTRE_DB, demo=True, port=fixed, env=env).start()
    except RuntimeError:
        if fixed is None:
            raise
        log.info("the demo port %d was taken while the centre started; using a free port", fixed)
        return CentreProcess(home.root / CENTRE_DB, demo=True, port=None, env=env).start()


def start_demo_server(home: Home, executor: Executor | None = None, lang: str = "zh") -> DemoStack:
    """Start the demo centre and enrol this terminal in it (once). Database work goes through `executor`
    (the app's database thread); without one the home is opened here. Without the centre (the packaged
    terminal ships without it) the demo runs offline and says why. The addresses are printed in `lang`."""
    from terminal.store.outbox import SyncStateRepo
    from terminal.sync import state as sync_keys
    from terminal.sync.via_executor import DirectExecutor
    from terminal.sync.wiring import enrol_via

    try:
        server = _start_centre(home, demo_port())
    except CentreNotInstalled as exc:
        return DemoStack(home, None, f"demo centre not installed ({exc})")
    except (OSError, RuntimeError) as exc:
        return DemoStack(home, None, f"demo centre did not start ({exc})")
    url = server.url

    def plan(db: Database) -> tuple[str | None, str, str]:
        enrolled_at = SyncStateRepo(db).get(sync_keys.SERVER_URL)
        agency = db.query_one("SELECT name, credit_code FROM agency WHERE id = 1")
        assert agency is not None  # a demo home always has its agency
        return enrolled_at, str(agency["credit_code"]), str(agency["name"])

    # Only short reads and writes go through the executor: the enrolment code (a `terminal-server` process)
    # and the enrolment (an HTTP call) run on this thread, so a slow centre never holds the database thread.
    def enrol(x: Executor) -> None:
        enrolled_at, credit_code, agency_name = x.call(plan)
        if enrolled_at is None:
            enrol_via(x, server.enrolment_code(credit_code, agency_name), url)
        elif enrolled_at != url:
            # The demo port was taken this time: same centre database, same enrolment, new address.
            x.call(lambda db: SyncStateRepo(db).set(sync_keys.SERVER_URL, url))

    try:
        if executor is None:
            db = home.open()
            try:
                enrol(DirectExecutor(db))
            finally:
                db.close()
        else:
            enrol(executor)
    except BaseException:
        server.stop()
        raise
    log.info("demo centre running at %s", url)
    # The README promises the demo prints where its centre is: the back office and the API a person can open.
    print(banner(url, lang), flush=True)

    return DemoStack(home, server)


def banner(url: str, lang: str) -> str:
    """Where the demo centre's pages are, in one language: the back office, the API, the verification pages, and
    the console with its demo staff (one account per role, centre/console/demo.py)."""
    if lang == "zh":
        return (f"演示中心：{url}  ·  后台：{url}/admin/（admin，密码 demo1234）  ·  API：{url}/v1/docs  ·  "
                f"证件核验页：扫描演示证件的二维码\n"
                f"中心管理台：{url}/console/  ·  演示账号：admin | staff | police | regulator（密码 demo1234）")  # fmt: skip
    return (f"demo centre: {url}  ·  back office: {url}/admin/ (admin, password demo1234)  ·  API: {url}/v1/docs  ·  "
            f"verification pages: scan a demo card's QR\n"
            f"centre console: {url}/console/  ·  demo accounts: admin | staff | police | regulator (password demo1234)")  # fmt: skip
