"""Setting up the lifecycle UI tests through the real use cases on the app's own database thread: the
holder of a virtual card registered (with or without training, health check) and their credential moved
along, so the test can tap that same card on the virtual reader."""

from __future__ import annotations

import datetime as dt

from terminal.core import synthetic
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.reader.identities import load_identities
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.sync.state import SyncState
from terminal.usecases import credentials, demo, operators, registration, training
from terminal.usecases.context import Actor, utcnow
from terminal.usecases.registration import HealthCheckInput, InsuranceInput, LetterInput, ProfileInput
from tests.builders import photo_scan
from tests.ui.conftest import Running
from wirecontract.identity import CardRead

CLERK = Actor("dengji", Role.CLERK, "李登记")
SUPERVISOR = Actor("zhuguan", Role.SUPERVISOR, "王主管")
TRAINER = Actor("peixun", Role.TRAINER, "张培训")


def sign_in_demo_staff(db: Database) -> None:
    """Use cases believe these actors only after a real sign-in on the app's database."""
    for staff in (CLERK, SUPERVISOR, TRAINER):
        operators.sign_in(db, staff.username, demo.DEMO_PASSWORD)
STEPS = ((State.APPROVED, SUPERVISOR, Action.APPROVE), (State.PRINTED, CLERK, Action.PRINT))


def card_of(label: str) -> CardRead:
    return synthetic.simulated_read(load_identities()[label])


def holder_profile(health_check: bool = True) -> ProfileInput:
    today = dt.date.today()
    checked = today - dt.timedelta(days=20)
    letters = [LetterInput(kind, today, None) for kind in ("pi_consent", "employment_commitment", "credit_authorisation")]
    return ProfileInput(
        phone="13811112222", current_address="上海市长宁区长宁路100号", service_types=["cleaning"], education="高中/中专",
        health_check=HealthCheckInput(checked, checked + dt.timedelta(days=365), "长宁区妇幼保健院") if health_check else None,
        insurance=InsuranceInput("中国平安", "PA100", checked, checked + dt.timedelta(days=365)), letters=letters,
        photo=photo_scan(),
    )  # fmt: skip


def train(db: Database, worker_id: int, read: CardRead, score: float = 88) -> None:
    session = training.add_session(db, TRAINER, "GQ-01", "张培训", "长宁区", utcnow() - dt.timedelta(days=1), 16)
    start = utcnow() - dt.timedelta(hours=20)
    training.tap(db, TRAINER, session, read, start)
    training.tap(db, TRAINER, session, read, start + dt.timedelta(hours=16))
    training.record_result(db, TRAINER, session, worker_id, score)


def holder_with_credential(running: Running, label: str = "resident", state: State = State.PRINTED,
                           trained: bool = True, health_check: bool = True) -> tuple[int, str]:  # fmt: skip
    """Register the card's holder and move a new credential to `state`. Returns (worker id, credential no)."""
    read, today = card_of(label), dt.date.today()

    def op(db: Database) -> tuple[int, str]:
        sign_in_demo_staff(db)
        worker_id = registration.register_worker(db, CLERK, read, holder_profile(health_check), today)
        if trained:
            train(db, worker_id, read)
        number = credentials.apply(db, CLERK, worker_id, today)
        order = [State.APPLIED, State.APPROVED, State.PRINTED]
        for target, actor, action in STEPS:
            if order.index(target) <= order.index(state):
                credentials.transition(db, actor, number, action, today)
        return worker_id, number

    return running.terminal.db.call(op)


def state_of(running: Running, number: str) -> State:
    return running.terminal.db.call(lambda db: credentials.get(db, number).state)


def wait_for_pull(running: Running) -> None:
    """Issuing needs fresh central data: wait for the app's real sync with the demo centre to pull."""
    running.qtbot.waitUntil(
        lambda: running.terminal.db.call(lambda db: SyncState.read(SyncStateRepo(db)).last_pull_at) is not None,
        timeout=30_000,
    )


def issue_directly(running: Running, number: str, label: str = "resident") -> None:
    """Setup only: the holder's tap as the issue use case receives it (the tap itself is tested elsewhere)."""
    read, today = card_of(label), dt.date.today()

    def op(db: Database) -> None:
        sign_in_demo_staff(db)
        if credentials.get(db, number).state is State.APPROVED:  # a reprint: printed again first
            credentials.transition(db, CLERK, number, Action.PRINT, today)
        credentials.transition(db, CLERK, number, Action.ISSUE, today, card_read=read, enforce_staleness=False)

    running.terminal.db.call(op)
