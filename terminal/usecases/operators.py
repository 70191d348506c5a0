"""Operators: creation, sign-in with lock-out after repeated failures, password changes.

Passwords are hashed with Argon2id (memory-hard). Five wrong passwords lock the account for 15 minutes.
"""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from terminal.core.errors import AccountLocked, AuthenticationFailed, InvalidInput
from terminal.core.roles import Action, Role
from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases.context import Actor, utcnow

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
IDLE_LOCK_MINUTES = 10

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def _check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD or password.isdigit() or password.isalpha():
        raise InvalidInput(field="密码至少8位且须包含字母和数字 / password: at least 8 characters, letters and digits")


def create_operator(
    db: Database, actor: Actor | None, username: str, display_name: str, role: Role, password: str
) -> None:
    """Add an operator. `actor` is None only during first-time set-up (the first administrator)."""
    if actor is not None:
        actor.require(Action.MANAGE_OPERATORS)
    username = username.strip().lower()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise InvalidInput(field="用户名只能包含字母、数字、点和下划线 / user name: letters, digits, dot, underscore")
    if role is Role.CENTRE:
        raise InvalidInput(field="role")
    _check_password_strength(password)
    with db.transaction():
        if db.scalar("SELECT 1 FROM operators WHERE username = ?", (username,)):
            raise InvalidInput(field=f"用户名 {username} 已存在 / user name {username} exists")
        db.execute(
            "INSERT INTO operators(username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            (username, display_name.strip() or username, role.value, _hasher.hash(password), utcnow().isoformat()),
        )
        audit.append(db, actor.username if actor else "setup", "operator.created", "operator", username,
                     {"role": role.value})  # fmt: skip


def sign_in(db: Database, username: str, password: str, now: dt.datetime | None = None) -> Actor:
    now = now or utcnow()
    username = username.strip().lower()
    row = db.query_one("SELECT * FROM operators WHERE username = ? AND active = 1", (username,))
    if row is None:
        _hasher.hash(password)  # same cost as a real check: do not reveal which user names exist
        raise AuthenticationFailed()
    if row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now:
        raise AccountLocked(until=dt.datetime.fromisoformat(row["locked_until"]).astimezone().strftime("%H:%M"))
    try:
        _hasher.verify(row["password_hash"], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failures = int(row["failed_attempts"]) + 1
        locked_until = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() if failures >= MAX_FAILURES else None
        with db.transaction():
            db.execute(
                "UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE username = ?",
                (0 if locked_until else failures, locked_until, username),
            )
            audit.append(db, username, "operator.sign_in_failed", "operator", username, {"failures": failures})
        if locked_until:
            raise AccountLocked(until=dt.datetime.fromisoformat(locked_until).astimezone().strftime("%H:%M")) from None
        raise AuthenticationFailed() from None
    with db.transaction():
        db.execute(
            "UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE username = ?",
            (now.isoformat(), username),
        )
        if _hasher.check_needs_rehash(row["password_hash"]):
            db.execute("UPDATE operators SET password_hash = ? WHERE username = ?", (_hasher.hash(password), username))
        audit.append(db, username, "operator.signed_in", "operator", username)
    return Actor(username, Role(row["role"]), row["display_name"])


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    sign_in(db, actor.username, old_password)
    _check_password_strength(new_password)
    with db.transaction():
        db.execute("UPDATE operators SET password_hash = ? WHERE username = ?", (_hasher.hash(new_password), actor.username))
        audit.append(db, actor.username, "operator.password_changed", "operator", actor.username)


def list_operators(db: Database) -> list[tuple[str, str, Role, bool]]:
    return [
        (r["username"], r["display_name"], Role(r["role"]), bool(r["active"]))
        for r in db.query("SELECT username, display_name, role, active FROM operators ORDER BY username")
    ]
