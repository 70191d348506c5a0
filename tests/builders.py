"""Small builders for test data. Each returns a fresh value; override only what a test is about."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from terminal.core import synthetic
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.usecases import setup
from terminal.usecases.context import Actor
from terminal.usecases.registration import HealthCheckInput, InsuranceInput, LetterInput, ProfileInput
from wirecontract import idnumber
from wirecontract.identity import CardRead

TODAY = dt.date.today()
UNLOCK_SECRET = "test-unlock-secret-1"
_counter = iter(range(1, 10**9))


def person(**overrides: Any) -> dict[str, Any]:
    """A resident-card identity (JSON keys of `terminal reader read --json`), unique per call."""
    n = next(_counter)
    fields = synthetic.person(random.Random(n), n, TODAY)
    if "birth_date" in overrides and "id_number" not in overrides:
        birth = dt.date.fromisoformat(overrides["birth_date"])
        fields["id_number"] = idnumber.make_valid_18(f"310104{birth:%Y%m%d}{n % 1000:03d}")
    fields["valid_to"] = (TODAY + dt.timedelta(days=3650)).isoformat()
    fields.update(overrides)
    return fields


def card_read(**overrides: Any) -> CardRead:
    return synthetic.simulated_read(person(**overrides))


def actor(role: Role = Role.CLERK, username: str | None = None) -> Actor:
    """The actor a test passes to use cases. Use cases believe it only after `sign_in_staff(db)` (or a real
    sign-in) on the same database: an Actor by itself is only a claim."""
    return Actor(username or role.value, role, role.value)


STAFF_PASSWORD = "staff-pass-1"
STAFF_ROLES = (Role.CLERK, Role.SUPERVISOR, Role.TRAINER, Role.ADMINISTRATOR)


def sign_in_staff(db: Database) -> dict[Role, Actor]:
    """One operator per role, named after the role as `actor()` names them, created if missing and signed in
    through the real sign-in, so the store believes `actor(role)` on this database."""
    from terminal.usecases import operators

    admin = operators.sign_in(db, "admin", "admin1234")
    signed = {}
    for role in STAFF_ROLES:
        if not db.scalar("SELECT 1 FROM operators WHERE username = ?", (role.value,)):
            operators.create_operator(db, admin, role.value, role.value, role, STAFF_PASSWORD)
        signed[role] = operators.sign_in(db, role.value, STAFF_PASSWORD)
    return signed


def agency() -> setup.AgencyInput:
    return setup.AgencyInput(
        name="测试家政服务有限公司", credit_code=setup.make_credit_code("91310105MA1FL0000"),
        licence_kind="business_licence", licence_no="310105000111222", legal_representative="赵测试",
        address="上海市徐汇区漕溪北路1号",
    )  # fmt: skip


def profile(complete: bool = True, **overrides: Any) -> ProfileInput:
    hc = TODAY - dt.timedelta(days=30)
    letters = [LetterInput("pi_consent", TODAY, None)]
    if complete:
        letters += [LetterInput("employment_commitment", TODAY, None), LetterInput("credit_authorisation", TODAY, None)]
    values: dict[str, Any] = {
        "phone": "13912345678", "current_address": "上海市徐汇区天钥桥路100号", "service_types": ["cleaning", "elderly"],
        "education": "初中", "health_check": HealthCheckInput(hc, hc + dt.timedelta(days=365), "徐汇区中心医院"),
        "insurance": InsuranceInput("中国人寿", "PL123456", hc, hc + dt.timedelta(days=365)), "letters": letters,
    }  # fmt: skip
    values.update(overrides)
    return ProfileInput(**values)


def make_home(root: Path, monkeypatch: Any = None) -> tuple[Home, str]:
    """An initialised (non-demo) home unlocked by the test unlock secret. Returns (home, recovery key)."""
    home = Home(root)
    recovery = setup.init_home(home, agency(), "admin", "管理员", "admin1234", unlock_secret=UNLOCK_SECRET)
    if monkeypatch is not None:
        monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", UNLOCK_SECRET)
    return home, recovery


def open_db(root: Path, monkeypatch: Any) -> Database:
    """A new home's database with one signed-in operator per role (see sign_in_staff)."""
    home, _ = make_home(root, monkeypatch)
    db = home.open()
    sign_in_staff(db)
    return db


def photo_scan(colour: tuple[int, int, int] = (180, 140, 120)) -> Any:
    """A small PNG portrait as registration takes it (registration.Scan)."""
    import io

    from PIL import Image

    from terminal.usecases.registration import Scan

    out = io.BytesIO()
    Image.new("RGB", (102, 126), colour).save(out, "PNG")
    return Scan(out.getvalue(), "image/png", "photo.png")


def register_eligible(db: Database, read: CardRead | None = None, **overrides: Any) -> tuple[int, CardRead]:
    """A worker who meets every issuing condition (terminal/core/issuing.py): photo, letters, health check,
    insurance (profile()) and a passed pre-service training. Returns (worker id, the card read)."""
    from terminal.usecases import registration, training
    from terminal.usecases.context import utcnow

    read = read or card_read()
    trainer = actor(Role.TRAINER)
    values: dict[str, Any] = {"photo": photo_scan(), **overrides}
    worker_id = registration.register_worker(db, actor(Role.CLERK), read, profile(**values), TODAY)
    if not db.scalar("SELECT 1 FROM training_courses WHERE code = 'GQ-T'"):
        training.add_course(db, trainer, "GQ-T", "岗前培训", list(training.STANDARD_TOPICS), 8)
    session = training.add_session(db, trainer, "GQ-T", "张老师", "培训中心", utcnow(), 8)
    start = utcnow() - dt.timedelta(hours=9)
    training.tap(db, trainer, session, read, start)
    training.tap(db, trainer, session, read, start + dt.timedelta(hours=8))
    training.record_result(db, trainer, session, worker_id, 88)
    return worker_id, read
