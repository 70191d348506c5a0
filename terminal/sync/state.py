"""Keys under which sync keeps its state in the store's sync_state table, and a typed view of them.

`pull_cursor` and `last_pull_at` are shared with terminal/usecases (apply_pulled, the issuing gate)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from terminal.sync.ports import StatePort
from wirecontract.protocol import parse_iso

SERVER_URL = "server_url"
TERMINAL_ID = "terminal_id"
AGENCY_ID = "agency_id"
CENTRE_KEY = "centre_key"  # the centre's Ed25519 key (base64url), pinned at enrolment
PULL_CURSOR = "pull_cursor"  # apply_pulled stores it in the same transaction as the changes
LAST_PUSH_AT = "last_push_at"
LAST_PULL_AT = "last_pull_at"  # last *successful* pull: the staleness gate reads this
SERVER_TIME = "server_time"
DRIFT_SECONDS = "drift_seconds"  # server minus local clock at the last answer
LAST_ERROR = "last_error"  # SyncErrorKind value of the last failure, None after a success
LAST_ERROR_AT = "last_error_at"


@dataclass(frozen=True)
class SyncState:
    server_url: str | None
    terminal_id: str | None
    last_push_at: dt.datetime | None
    last_pull_at: dt.datetime | None
    server_time: dt.datetime | None
    drift_seconds: float | None
    last_error: str | None
    last_error_at: dt.datetime | None

    @classmethod
    def read(cls, state: StatePort) -> SyncState:
        def moment(key: str) -> dt.datetime | None:
            value = state.get(key)
            return parse_iso(value) if value else None

        drift = state.get(DRIFT_SECONDS)
        return cls(
            server_url=state.get(SERVER_URL),
            terminal_id=state.get(TERMINAL_ID),
            last_push_at=moment(LAST_PUSH_AT),
            last_pull_at=moment(LAST_PULL_AT),
            server_time=moment(SERVER_TIME),
            drift_seconds=float(drift) if drift else None,
            last_error=state.get(LAST_ERROR),
            last_error_at=moment(LAST_ERROR_AT),
        )

    @property
    def enrolled(self) -> bool:
        return bool(self.terminal_id and self.server_url)

    def to_json(self) -> dict[str, Any]:
        def text(value: dt.datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "enrolled": self.enrolled,
            "server_url": self.server_url,
            "terminal_id": self.terminal_id,
            "last_push_at": text(self.last_push_at),
            "last_pull_at": text(self.last_pull_at),
            "server_time": text(self.server_time),
            "drift_seconds": self.drift_seconds,
            "last_error": self.last_error,
            "last_error_at": text(self.last_error_at),
        }
