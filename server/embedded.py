"""The reference server in a thread on loopback: for the demo (`terminal --demo`) and for tests."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from server import admin
from server.app import create_app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class EmbeddedServer:
    def __init__(self, db_url: str, demo: bool = False, port: int | None = None) -> None:
        self.db_url = db_url
        self.demo = demo
        self.port = port or free_port()
        self.app = create_app(db_url, demo=demo)
        self.sessions: sessionmaker[Session] = self.app.state.sessions
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> EmbeddedServer:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        config = uvicorn.Config(self.app, log_level="critical", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True, name="central-server"
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the embedded central server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
        self._server = None
        self._thread = None

    def enrolment_code(self) -> str:
        with self.sessions.begin() as session:
            return admin.new_enrolment_code(session)
