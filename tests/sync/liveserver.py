"""The reference server on loopback for tests: the embedded server plus what tests inspect."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from server.embedded import EmbeddedServer, free_port
from server.models import Event

__all__ = ["LiveServer", "free_port"]


class LiveServer(EmbeddedServer):
    def __init__(self, db_path: Path, demo: bool = False, port: int | None = None) -> None:
        super().__init__(f"sqlite:///{db_path}", demo=demo, port=port)

    def start(self, timeout: float = 10.0) -> LiveServer:
        super().start(timeout)
        return self

    def event_ids(self, terminal_id: str, status: str | None = "accepted") -> list[str]:
        query = select(Event.event_id).where(Event.terminal_id == terminal_id)
        if status:
            query = query.where(Event.status == status)
        with self.sessions() as session:
            return list(session.scalars(query))
