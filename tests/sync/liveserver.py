"""The reference server on loopback: uvicorn in a thread, its own SQLite file, a port of its own."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from server import admin
from server.app import create_app
from server.models import Event


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    def __init__(self, db_path: Path, demo: bool = False, port: int | None = None) -> None:
        self.db_url = f"sqlite:///{db_path}"
        self.demo = demo
        self.port = port or free_port()
        self.app = create_app(self.db_url, demo=demo)
        self.sessions: sessionmaker[Session] = self.app.state.sessions
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        config = uvicorn.Config(self.app, log_level="critical", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
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

    def event_ids(self, terminal_id: str, status: str | None = "accepted") -> list[str]:
        query = select(Event.event_id).where(Event.terminal_id == terminal_id)
        if status:
            query = query.where(Event.status == status)
        with self.sessions() as session:
            return list(session.scalars(query))
