"""The demo home: a demo agency, documented demo operators and synthetic workers registered through the
same use cases as real registration (simulated card reads), with credentials in every lifecycle state,
training, contracts, evaluations, complaints and integrity records."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from terminal.core import synthetic
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.core.service_types import SERVICE_TYPES
from terminal.store.db import Database
from terminal.store.kv import SettingsRepo
from terminal.usecases import credentials, operators, records, registration, setup, training
from terminal.usecases.context import Actor
from terminal.usecases.registration import HealthCheckInput, InsuranceInput, LetterInput, ProfileInput, Scan
from wirecontract.identity import CardRead

DEMO_PASSWORD = "demo1234"
DEMO_OPERATORS = (
    ("admin", "演示管理员", Role.ADMINISTRATOR),
    ("zhuguan", "王主管", Role.SUPERVISOR),
    ("dengji", "李登记", Role.CLERK),
    ("peixun", "张培训", Role.TRAINER),
)
DEMO_AGENCY = setup.AgencyInput(
    name="【演示】上海安心家政服务有限公司",
    credit_code=setup.make_credit_code("91310105MA1FL3K2X"),
    licence_kind="business_licence",
    licence_no="310105000654321",
    legal_representative="陈安心",
    address="上海市长宁区长宁路1018号",
    phone="021-62345678",
    lease_until="2028-12-31",
    qualifications=["上海市家政服务机构备案", "家政服务信用承诺"],
    commitment_signed_on="2026-01-05",
)
# How the demo's credentials are spread over the lifecycle: state → share of workers.
STATE_MIX = ((None, 0.10), (State.APPLIED, 0.12), (State.APPROVED, 0.10), (State.PRINTED, 0.10),
             (State.ISSUED, 0.46), (State.SUSPENDED, 0.04), (State.REVOKED, 0.04), (State.EXPIRED, 0.04))  # fmt: skip

Progress = Callable[[int, int], None]


def demo_photo(rng: random.Random) -> Scan:
    """A drawn silhouette standing in for the photo a clerk takes at registration (the demo has no faces)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (204, 252), tuple(rng.randint(170, 235) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    shade = tuple(rng.randint(60, 120) for _ in range(3))
    draw.ellipse((62, 40, 142, 135), fill=shade)
    draw.ellipse((22, 150, 182, 330), fill=shade)
    out = io.BytesIO()
    image.save(out, "PNG")
    return Scan(out.getvalue(), "image/png", "demo-photo.png")


def _profile(rng: random.Random, today: dt.date, complete: bool) -> ProfileInput:
    types = rng.sample(sorted(SERVICE_TYPES), rng.randint(1, 3))
    hc_day = today - dt.timedelta(days=rng.randint(10, 300))
    letters = [LetterInput("pi_consent", today, None)]
    if complete:
        letters += [LetterInput("employment_commitment", today, None), LetterInput("credit_authorisation", today, None)]
    return ProfileInput(
        phone=synthetic.phone_for(rng),
        current_address=f"上海市{rng.choice(synthetic.STREETS)}{rng.randint(1, 600)}号{rng.randint(101, 2202)}室",
        service_types=types,
        education=rng.choice(("初中", "高中/中专", "大专")),
        health_check=HealthCheckInput(hc_day, hc_day + dt.timedelta(days=365), "长宁区妇幼保健院"),
        insurance=InsuranceInput("中国平安", f"PA{rng.randint(10**9, 10**10)}", hc_day, hc_day + dt.timedelta(days=365)),
        letters=letters, photo=demo_photo(rng) if complete or rng.random() < 0.5 else None,
    )


def _advance(db: Database, staff: dict[Role, Actor], no: str, target: State, today: dt.date, read: CardRead) -> None:
    sup, clerk = staff[Role.SUPERVISOR], staff[Role.CLERK]
    path = [(State.APPROVED, sup, Action.APPROVE, None), (State.PRINTED, clerk, Action.PRINT, None),
            (State.ISSUED, clerk, Action.ISSUE, None)]  # fmt: skip
    order = [State.APPLIED, State.APPROVED, State.PRINTED, State.ISSUED]
    final = target if target in order else State.ISSUED
    for state, actor, action, reason in path:
        if order.index(state) > order.index(final):
            break
        # Seeded history predates the demo's first sync, so the staleness gate does not apply to it.
        credentials.transition(db, actor, no, action, today, reason, card_read=read if action is Action.ISSUE else None,
                               enforce_staleness=False)  # fmt: skip
    if target is State.SUSPENDED:
        credentials.transition(db, sup, no, Action.SUSPEND, today, "客户投诉调查中")
    elif target is State.REVOKED:
        credentials.transition(db, sup, no, Action.REVOKE, today, "本人离职，注销证件")
    elif target is State.EXPIRED:
        credentials.transition(db, sup, no, Action.EXPIRE, today)


def fill_demo(db: Database, workers: int = 200, seed: int = 20261126, progress: Progress | None = None) -> None:
    setup.initialise_database(db, DEMO_AGENCY, "admin", "演示管理员", DEMO_PASSWORD)
    SettingsRepo(db).set("demo", "1")
    # Until the demo centre has enrolled this terminal, cards point at where that centre will listen.
    SettingsRepo(db).set("verify_base_url", "http://127.0.0.1:18650")
    # The demo is filled by its own operators, signed in like anyone else (use cases believe only sign-ins).
    admin = operators.sign_in(db, "admin", DEMO_PASSWORD)
    for username, name, role in DEMO_OPERATORS[1:]:
        operators.create_operator(db, admin, username, name, role, DEMO_PASSWORD)
    staff = {role: operators.sign_in(db, u, DEMO_PASSWORD) for u, _n, role in DEMO_OPERATORS}
    trainer = staff[Role.TRAINER]
    today = dt.date.today()
    training.add_course(db, trainer, "GQ-01", "上门服务岗前培训", list(training.STANDARD_TOPICS), 16)
    session = training.add_session(db, trainer, "GQ-01", "张培训", "长宁区家政培训中心", dt.datetime.now(dt.UTC) - dt.timedelta(days=20), 16)
    rng = random.Random(seed)
    clerk = staff[Role.CLERK]
    states = [s for s, _ in STATE_MIX]
    weights = [w for _, w in STATE_MIX]
    people = synthetic.unique_people(rng, today)
    for i in range(workers):
        target = rng.choices(states, weights)[0]
        person = next(people)
        read = synthetic.simulated_read(person)
        # Every credential past approval met the issuing conditions when it was approved (terminal/core/issuing.py).
        needs_issue = target not in (None, State.APPLIED)
        with db.transaction():
            worker_id = registration.register_worker(db, clerk, read, _profile(rng, today, needs_issue or rng.random() < 0.7), today)
            if needs_issue or rng.random() < 0.5:
                tap_in = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
                training.tap(db, trainer, session, read, tap_in)
                training.tap(db, trainer, session, read, tap_in + dt.timedelta(hours=16))
                training.record_result(db, trainer, session, worker_id, rng.randint(75, 98) if needs_issue else rng.randint(50, 98))
            if target is not None:
                number = credentials.apply(db, clerk, worker_id, today)
                if target is not State.APPLIED:
                    _advance(db, staff, number, target, today, read)
            if target in (State.ISSUED, State.SUSPENDED) and rng.random() < 0.6:
                stype = rng.choice(sorted(SERVICE_TYPES))
                start = today - dt.timedelta(days=rng.randint(5, 200))
                contract = records.add_contract(db, clerk, worker_id, start, stype, start, start + dt.timedelta(days=180), rng.choice(("长宁区", "徐汇区", "静安区", "普陀区")))
                records.add_evaluation(db, clerk, worker_id, {d: rng.randint(3, 5) for d in records.EVALUATION_DIMENSIONS[:4]}, "服务认真细致", contract)
            if target is State.SUSPENDED:
                complaint = records.add_complaint(db, clerk, worker_id, "客户反映服务迟到并提前离开")
                records.update_complaint(db, clerk, complaint, "handling", "已联系客户与服务人员了解情况")
            if rng.random() < 0.1:
                records.add_credit_record(db, clerk, worker_id, "positive", "获评季度优秀家政服务员")
        if progress:
            progress(i + 1, workers)
