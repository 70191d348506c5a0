"""Who is acting and what time it is: passed into every use case (no global app object)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from terminal.core.roles import Action, Role, require


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    display_name: str = ""

    def require(self, action: Action) -> None:
        require(self.role, action)


CENTRE = Actor("centre", Role.CENTRE, "中心 / centre")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    return uuid.uuid4().hex
