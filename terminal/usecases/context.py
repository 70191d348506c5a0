"""Who is acting and what time it is: passed into every use case (no global app object).

An `Actor` is only a claim (anyone can write `Actor("admin", Role.ADMINISTRATOR)`). Use cases believe it
through `authorise(db, actor, action)`: the user name must have signed in on this database connection with
that role (operators.sign_in opened the session after checking the password), and the operator must still be
active with that role in the store."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from terminal.core.errors import NotSignedIn
from terminal.core.roles import Action, Role, require
from terminal.store.db import Database


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    display_name: str = ""

    def require(self, action: Action) -> None:
        require(self.role, action)


CENTRE = Actor("centre", Role.CENTRE, "中心 / centre")


def verify(db: Database, actor: Actor) -> None:
    """Raise NotSignedIn unless `actor` comes from a sign-in checked on `db` and still holds its role."""
    if db.session_role(actor.username) != actor.role.value:
        raise NotSignedIn(username=actor.username)
    row = db.query_one("SELECT role, active FROM operators WHERE username = ?", (actor.username,))
    if row is None or not row["active"] or row["role"] != actor.role.value:
        db.close_session(actor.username)  # disabled or re-roled since signing in: the session ends here
        raise NotSignedIn(username=actor.username)


def authorise(db: Database, actor: Actor, action: Action) -> None:
    """The checked actor's role may do `action` (PermissionDenied otherwise)."""
    verify(db, actor)
    actor.require(action)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    return uuid.uuid4().hex
