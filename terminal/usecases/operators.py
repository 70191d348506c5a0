"""Operators: creation, sign-in with lock-out after repeated failures, password changes.

Passwords are hashed with Argon2id (memory-hard). Five wrong passwords lock the account for 15 minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from terminal.core.errors import AccountLocked, AuthenticationFailed, InvalidInput, NotFound
from terminal.core.roles import Action, Role
from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases.context import Actor, authorise, utcnow, verify
from wirecontract.errors import Text

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
IDLE_LOCK_MINUTES = 10

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def _check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD or password.isdigit() or password.isalpha():
        raise InvalidInput(field=Text("密码至少8位且须包含字母和数字", "password: at least 8 characters, letters and digits"))


def create_operator(
    db: Database, actor: Actor | None, username: str, display_name: str, role: Role, password: str
) -> None:
    """Add an operator. `actor` is None only during first-time set-up (the first administrator)."""
    if actor is not None:
        authorise(db, actor, Action.MANAGE_OPERATORS)
    username = username.strip().lower()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise InvalidInput(field=Text("用户名只能包含字母、数字、点和下划线", "user name: letters, digits, dot, underscore"))
    if role is Role.CENTRE:
        raise InvalidInput(field="role")
    _check_password_strength(password)
    with db.transaction():
        if db.scalar("SELECT 1 FROM operators WHERE username = ?", (username,)):
            raise InvalidInput(field=Text(f"用户名 {username} 已存在", f"user name {username} exists"))
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
        if db.write_refusal is not None:
            # A store that refuses writes cannot count the failure; Argon2's cost still slows guessing.
            raise AuthenticationFailed() from None
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
    # A store that refuses writes (a rollback, a damaged page) still lets staff sign in: to read, back up, and
    # recover (usecases/recovery.py). The sign-in is then not recorded, since nothing can be.
    if db.write_refusal is None:
        with db.transaction():
            db.execute(
                "UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE username = ?",
                (now.isoformat(), username),
            )
            if _hasher.check_needs_rehash(row["password_hash"]):
                db.execute("UPDATE operators SET password_hash = ? WHERE username = ?", (_hasher.hash(password), username))
            audit.append(db, username, "operator.signed_in", "operator", username)
    # The store has checked the password: from now on use cases believe this user name with this role.
    db.open_session(username, row["role"])
    return Actor(username, Role(row["role"]), row["display_name"])


def sign_out(db: Database, actor: Actor) -> None:
    """End the actor's session: use cases no longer believe it until the next sign-in."""
    db.close_session(actor.username)


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """An operator changes their own password, proving the old one."""
    verify(db, actor)
    sign_in(db, actor.username, old_password)
    _check_password_strength(new_password)
    with db.transaction():
        db.execute("UPDATE operators SET password_hash = ? WHERE username = ?", (_hasher.hash(new_password), actor.username))
        audit.append(db, actor.username, "operator.password_changed", "operator", actor.username)


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """An administrator sets another operator's password (forgotten); it also lifts a lock-out."""
    authorise(db, actor, Action.MANAGE_OPERATORS)
    username = username.strip().lower()
    _check_password_strength(new_password)
    with db.transaction():
        _require_operator(db, username)
        db.execute(
            "UPDATE operators SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE username = ?",
            (_hasher.hash(new_password), username),
        )
        audit.append(db, actor.username, "operator.password_reset", "operator", username)


def set_active(db: Database, actor: Actor, username: str, active: bool) -> None:
    """Disable an operator (they can no longer sign in, and an open session of theirs stops being believed) or
    enable them again. An administrator cannot disable themselves, so a terminal always keeps one."""
    authorise(db, actor, Action.MANAGE_OPERATORS)
    username = username.strip().lower()
    if username == actor.username and not active:
        raise InvalidInput(field=Text("不能停用自己的账号", "you cannot disable your own account"))
    with db.transaction():
        _require_operator(db, username)
        db.execute("UPDATE operators SET active = ? WHERE username = ?", (int(active), username))
        audit.append(db, actor.username, "operator.enabled" if active else "operator.disabled", "operator", username)
    if not active:
        db.close_session(username)


def _require_operator(db: Database, username: str) -> None:
    if not db.scalar("SELECT 1 FROM operators WHERE username = ?", (username,)):
        raise NotFound(what=Text("操作员", "operator"), key=username)


@dataclass(frozen=True)
class Operator:
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: str | None
    last_login_at: str | None


def list_operators(db: Database, actor: Actor) -> list[Operator]:
    authorise(db, actor, Action.MANAGE_OPERATORS)
    rows = db.query(
        "SELECT username, display_name, role, active, locked_until, last_login_at FROM operators ORDER BY username"
    )
    return [
        Operator(r["username"], r["display_name"], Role(r["role"]), bool(r["active"]), r["locked_until"],
                 r["last_login_at"])
        for r in rows
    ]
