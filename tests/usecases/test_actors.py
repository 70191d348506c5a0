"""Roles cannot be claimed: use cases believe an Actor only after a sign-in the store checked, for the role the
operator really has, while the operator is active. Operator management is audited."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.errors import AuthenticationFailed, InvalidInput, NotSignedIn, PermissionDenied
from terminal.core.roles import Role
from terminal.store import identity_reads
from terminal.store.db import Database
from terminal.usecases import operators, queries, registration
from terminal.usecases.context import Actor
from tests.builders import STAFF_PASSWORD, actor, card_read, profile

TODAY = dt.date.today()


def _audit_actions(db: Database) -> list[tuple[str, str, str | None]]:
    rows = db.query("SELECT operator, action, entity_uid FROM audit_log WHERE entity = 'operator' ORDER BY seq")
    return [(r["operator"], r["action"], r["entity_uid"]) for r in rows]


@pytest.mark.parametrize(
    "claimed",
    [
        Actor("clerk", Role.ADMINISTRATOR),  # a clerk's name with an administrator's role
        Actor("nobody", Role.ADMINISTRATOR),  # an invented operator
        Actor("cli:root", Role.ADMINISTRATOR),  # what the command line used to act as
        Actor("admin", Role.CLERK),  # a real name with a role it does not have
    ],
    ids=["clerk-as-admin", "invented", "cli-root", "wrong-role"],
)
def test_claimed_actors_are_refused_and_nothing_is_recorded(db: Database, claimed: Actor) -> None:
    before = db.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(NotSignedIn):
        operators.create_operator(db, claimed, "sneaky", "S", Role.ADMINISTRATOR, "passw0rd-x")
    with pytest.raises(NotSignedIn):
        registration.register_worker(db, claimed, card_read(), profile(), TODAY)
    assert db.scalar("SELECT count(*) FROM audit_log") == before
    assert not db.scalar("SELECT 1 FROM operators WHERE username = 'sneaky'")


def test_a_signed_out_or_disabled_operator_is_no_longer_believed(db: Database) -> None:
    clerk, admin = actor(Role.CLERK), actor(Role.ADMINISTRATOR)
    registration.register_worker(db, clerk, card_read(), profile(), TODAY)
    operators.sign_out(db, clerk)
    with pytest.raises(NotSignedIn):
        registration.register_worker(db, clerk, card_read(), profile(), TODAY)
    clerk = operators.sign_in(db, "clerk", STAFF_PASSWORD)
    operators.set_active(db, admin, "clerk", False)
    with pytest.raises(NotSignedIn):
        registration.register_worker(db, clerk, card_read(), profile(), TODAY)
    with pytest.raises(AuthenticationFailed):
        operators.sign_in(db, "clerk", STAFF_PASSWORD)
    operators.set_active(db, admin, "clerk", True)
    clerk = operators.sign_in(db, "clerk", STAFF_PASSWORD)
    registration.register_worker(db, clerk, card_read(), profile(), TODAY)


def test_a_role_changed_behind_a_session_ends_it(db: Database) -> None:
    supervisor = actor(Role.SUPERVISOR)
    with db.transaction():
        db.execute("UPDATE operators SET role = 'clerk' WHERE username = 'supervisor'")
    with pytest.raises(NotSignedIn):
        registration.register_worker(db, supervisor, card_read(), profile(), TODAY)


def test_operator_management_is_for_administrators_and_audited(db: Database) -> None:
    admin, clerk = actor(Role.ADMINISTRATOR), actor(Role.CLERK)
    with pytest.raises(PermissionDenied):
        operators.create_operator(db, clerk, "newbie", "新人", Role.CLERK, "newbie-pass-1")
    with pytest.raises(PermissionDenied):
        operators.list_operators(db, clerk)
    operators.create_operator(db, admin, "newbie", "新人", Role.CLERK, "newbie-pass-1")
    operators.reset_password(db, admin, "newbie", "reset-pass-22")
    with pytest.raises(AuthenticationFailed):
        operators.sign_in(db, "newbie", "newbie-pass-1")
    newbie = operators.sign_in(db, "newbie", "reset-pass-22")
    operators.change_password(db, newbie, "reset-pass-22", "own-pass-333")
    operators.sign_in(db, "newbie", "own-pass-333")
    operators.set_active(db, admin, "newbie", False)
    with pytest.raises(InvalidInput):
        operators.set_active(db, admin, "administrator", False)  # an administrator cannot lock themselves out
    listed = {o.username: o for o in operators.list_operators(db, admin)}
    assert listed["newbie"].active is False and listed["newbie"].role is Role.CLERK
    actions = [a for a in _audit_actions(db) if a[2] == "newbie"]
    assert [a[1] for a in actions if not a[1].startswith("operator.sign")] == [
        "operator.created", "operator.password_reset", "operator.password_changed", "operator.disabled"]  # fmt: skip
    assert all(a[0] == "administrator" for a in actions if a[1] in ("operator.created", "operator.disabled"))


def test_a_clerks_view_of_a_worker_carries_only_the_masked_number(db: Database) -> None:
    read = card_read()
    worker_id = registration.register_worker(db, actor(Role.CLERK), read, profile(), TODAY)
    full = identity_reads.decode(read).id_number
    for role in (Role.CLERK, Role.SUPERVISOR):
        record = queries.worker_record(db, actor(role), worker_id)
        assert record.identity.id_number != full and "*" in record.identity.id_number
        assert record.identity.id_number[-4:] == full[-4:]
        assert full not in repr(record) and full not in str(record.tables)
    assert queries.reveal_id_number(db, actor(Role.SUPERVISOR), worker_id) == full
