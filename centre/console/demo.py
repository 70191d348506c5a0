"""The demo centre's console: a staff account for each role and a few agencies with history (workers registered
by card read, a transfer between agencies, credentials through their lifecycle, training, health, insurance,
contracts, evaluations, integrity records, police checks and a complaint), so every page has something real.

Everything goes through the centre's own paths (ingest of terminal events, the feed, the registry), as simulated
identities: only a demo centre (terminal-server serve --demo) accepts them. Seeded once per database."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from centre.console.admission import _decide, admit_from_command_line
from centre.console.roles import Role
from centre.terminals.enrolment import add_agency
from centre.terminals.models import Terminal
from wirecontract.idnumber import make_valid_18
from wirecontract.protocol import utc_now
from wirecontract.signing import TerminalKey, b64url, public_key_id

DEMO_PASSWORD = "demo1234"  # the demo's public password, as the terminal's demo operators have
DEMO_ACCOUNTS = {"admin": Role.ADMIN, "staff": Role.STAFF, "police": Role.POLICE, "regulator": Role.REGULATOR}
DEMO_ACTOR = "demo"


@dataclass
class DemoAgency:
    credit_code: str
    name: str
    district: str
    terminal_number: str
    admission: str  # admitted | suspended | pending
    terminal: Terminal | None = None
    seq: int = 0
    credentials: int = 0
    profile: dict[str, Any] = field(default_factory=dict)


AGENCIES = [
    DemoAgency("91310104MA1DEMO01X", "徐汇安心家政服务有限公司", "徐汇区", "0901", "admitted"),
    DemoAgency("91310115MA1DEMO02X", "浦东巧手家政有限公司", "浦东新区", "0902", "admitted"),
    DemoAgency("91310106MA1DEMO03X", "静安康乐家政服务社", "静安区", "0903", "pending"),
    DemoAgency("91310107MA1DEMO04X", "普陀利民家政服务有限公司", "普陀区", "0904", "suspended"),
]

WORKERS = [  # name, agency index, region+birth (first 14 digits), phone
    ("王秀英", 0, "31010419780312", "13800138001"),
    ("李桂兰", 0, "32092319800521", "13800138002"),
    ("张美华", 0, "34122119850907", "13800138003"),
    ("陈玉梅", 1, "41152619790214", "13800138004"),
    ("刘春燕", 1, "51132119880630", "13800138005"),
]


def seed() -> bool:
    """Seed the demo once; True if it seeded now."""
    users = get_user_model()
    if users.objects.filter(username="regulator").exists():
        return False
    with transaction.atomic():
        _accounts()
        for agency in AGENCIES:
            _agency(agency)
    _history()
    return True


def _accounts() -> None:
    users = get_user_model()
    for username, role in DEMO_ACCOUNTS.items():
        user = users.objects.filter(username=username).first()
        if user is None:
            user = users(username=username)
            user.set_password(DEMO_PASSWORD)  # the demo's public password, below the validators' bar on purpose
            user.save()
        user.groups.add(Group.objects.get(name=role.value))


def _agency(spec: DemoAgency) -> None:
    agency = add_agency(spec.credit_code, spec.name, spec.district)
    if spec.admission in ("admitted", "suspended"):
        admit_from_command_line(agency.id, "演示：登记资料齐全，无严重违法违规 / demo: registration data complete")
    if spec.admission == "suspended":
        _decide(DEMO_ACTOR, agency.id, "suspended", "演示：存在重大服务质量投诉，整改中 / demo: a major quality complaint")
    key = TerminalKey.generate()
    raw = key.public_raw
    spec.terminal = Terminal.objects.create(
        id="T" + uuid.uuid4().hex[:16], agency=agency, name=f"{spec.name} 前台", public_key=b64url(raw),
        key_id=public_key_id(raw), terminal_number=spec.terminal_number, enrolled_at=utc_now() - dt.timedelta(days=200),
    )  # fmt: skip


def _history() -> None:
    from centre.sync.feed import post_check_result, post_complaint
    from centre.sync.registry import release_person

    now = utc_now()
    xuhui, pudong = AGENCIES[0], AGENCIES[1]
    for spec, months in ((xuhui, 7), (pudong, 6)):
        # As the terminal's agency file sends it (terminal/usecases/agency_profile.py).
        _push(spec, "agency", uuid.uuid4().hex, 1, "agency.profile_changed", {
            "credit_code": spec.credit_code, "name": spec.name, "licence_kind": "business_licence",
            "licence_no": spec.credit_code, "address": f"上海市{spec.district}示例路 88 号", "phone": "021-55550101",
            "lease_until": "2028-12-31", "commitment_signed_on": "2026-01-05", "legal_representative": "张建国",
            "qualifications": [{"name": "家政服务机构备案证明", "number": "JZ-" + spec.credit_code[-6:]}],
            "scans_sha256": {"licence": hashlib.sha256(b"licence" + spec.credit_code.encode()).hexdigest(),
                             "lease": hashlib.sha256(b"lease" + spec.credit_code.encode()).hexdigest(),
                             "commitment": None},
        }, now - dt.timedelta(days=30 * months))  # fmt: skip
    ids = [make_valid_18(first14 + f"{i:03d}") for i, (_, _, first14, _) in enumerate(WORKERS)]
    uids: list[str] = []
    for i, (name, agency_index, _, phone) in enumerate(WORKERS):
        spec = AGENCIES[agency_index]
        start = now - dt.timedelta(days=180 - 20 * i)
        uids.append(_register(spec, name, ids[i], phone, start))
        post_check_result(ids[i], "adverse" if i == 2 else "clear")
        _records(spec, uids[i], start)
        if i != 2:
            _credential(spec, uids[i], start + dt.timedelta(days=10), suspend=(i == 3))
    # 张美华 leaves 徐汇 (no credential: her police check came back adverse) and registers at 浦东 after a re-check.
    release_person(ids[2], "演示：本人离职，转至其他机构 / demo: left for another agency")
    post_check_result(ids[2], "clear")
    moved = _register(pudong, WORKERS[2][0], ids[2], WORKERS[2][3], now - dt.timedelta(days=20))
    _push(pudong, "training", uuid.uuid4().hex, 1, "training.result",
          {"worker_uid": moved, "course": "家政服务员岗前培训（复训）", "passed": True, "score": 88},
          now - dt.timedelta(days=15))  # fmt: skip
    post_complaint(ids[0], "演示：服务迟到 40 分钟，未提前告知 / demo: 40 minutes late without notice")
    _integrity(ids[0], AGENCIES[3].credit_code)


def _integrity(worker_id_number: str, agency_id: str) -> None:
    """Integrity records as centre staff enter them (centre/integrity), where that app is installed."""
    from django.apps import apps

    if not apps.is_installed("centre.integrity"):
        return
    from centre.integrity.actions import add_record

    staff = get_user_model().objects.get(username="staff")
    today = utc_now().date()
    add_record(staff, subject="worker", category="award", id_number=worker_id_number, valid_from=today,
               valid_to=today + dt.timedelta(days=365), description="（演示）获评区级优秀家政服务员",
               evidence_note="（演示）区商务委表彰文件 2026 年第 3 号")  # fmt: skip
    add_record(staff, subject="agency", category="complaint_upheld", agency_id=agency_id, valid_from=today,
               valid_to=today + dt.timedelta(days=365), description="（演示）重大服务质量投诉经核查属实",
               evidence_note="（演示）投诉调查报告 2026-08 号")  # fmt: skip


def _register(spec: DemoAgency, name: str, id_number: str, phone: str, at: dt.datetime) -> str:
    uid = uuid.uuid4().hex
    sex = "女"
    identity = {"id_number": id_number, "name": name, "sex": sex, "ethnicity": "汉",
                "birth_date": f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}",
                "address": "（演示）上海市某区某路某号", "issuer": "（演示）某公安局"}  # fmt: skip
    provenance = {"reader": "demo-reader", "sam_id": "DEMO-SAM", "raw_sha256": uuid.uuid4().hex * 2,
                  "read_at": at.isoformat(), "simulated": True}  # fmt: skip
    _push(spec, "worker", uid, 1, "worker.registered",
          {"identity": identity, "phone": phone, "service_types": ["cleaning", "elderly_care"],
           "registered_at": at.isoformat()}, at, provenance)  # fmt: skip
    return uid


def _records(spec: DemoAgency, worker_uid: str, start: dt.datetime) -> None:
    day = dt.timedelta(days=1)
    items: list[tuple[str, str, dict[str, Any], int]] = [
        ("training", "training.result", {"course": "家政服务员岗前培训", "passed": True, "score": 92}, 3),
        ("health_check", "health_check.recorded", {"result": "合格", "hospital": "（演示）区疾控中心",
                                                   "valid_to": (start + 365 * day).date().isoformat()}, 4),
        ("insurance", "insurance.recorded", {"insurer": "（演示）保险公司", "policy_no": "DEMO-" + worker_uid[:8],
                                             "valid_to": (start + 365 * day).date().isoformat()}, 5),
        ("contract", "contract.signed", {"service": "日常保洁", "customer": "陈**", "signed_at": (start + 30 * day).isoformat()}, 30),
        ("evaluation", "evaluation.recorded", {"rating": 5, "comment": "准时、细致"}, 45),
        ("credit", "credit.recorded", {"kind": "positive", "summary": "获评区级优秀家政服务员"}, 60),
    ]  # fmt: skip
    for entity, kind, payload, offset in items:
        _push(spec, entity, uuid.uuid4().hex, 1, kind, {"worker_uid": worker_uid, **payload}, start + offset * day)


def _credential(spec: DemoAgency, worker_uid: str, at: dt.datetime, suspend: bool) -> None:
    spec.credentials += 1
    number = f"SH{at.year}{spec.terminal_number}{spec.credentials:05d}"
    uid = uuid.uuid4().hex
    valid_to = (at + dt.timedelta(days=365)).date().isoformat()
    for version, state in enumerate(("applied", "approved", "printed", "issued"), start=1):
        _push(spec, "credential", uid, version, f"credential.{state}",
              {"credential_no": number, "worker_uid": worker_uid, "version": 1, "state": state,
               "valid_from": at.date().isoformat(), "valid_to": valid_to}, at + dt.timedelta(hours=version))  # fmt: skip
    if suspend:
        from centre.credentials.actions import set_credential_status

        set_credential_status(number, "suspended", "演示：投诉调查期间暂停 / demo: suspended while a complaint is examined")


def _push(spec: DemoAgency, entity: str, uid: str, version: int, kind: str, payload: dict[str, Any],
          at: dt.datetime, provenance: dict[str, Any] | None = None) -> None:  # fmt: skip
    from centre.sync.ingest import BatchIngest

    assert spec.terminal is not None
    spec.seq += 1
    wire = {"event_id": uuid.uuid4().hex, "seq": spec.seq, "entity": entity, "entity_uid": uid,
            "record_version": version, "kind": kind, "payload": payload, "provenance": provenance,
            "simulated": True, "created_at": at.isoformat()}  # fmt: skip
    with transaction.atomic():
        [verdict] = BatchIngest(spec.terminal, True, utc_now()).run([wire])
    if verdict.status != "accepted":
        raise RuntimeError(f"the demo's {kind} was refused: {verdict.to_json()}")


def accounts_line(base_url: str) -> str:
    """The demo centre's second line: the console and its demo accounts, in the command line's language."""
    from centre.cli_language import say

    names = " | ".join(DEMO_ACCOUNTS)
    return say(f"管理台：{base_url}/console/  ·  演示账号：{names}（密码 {DEMO_PASSWORD}）",
               f"console: {base_url}/console/  ·  demo accounts: {names} (password {DEMO_PASSWORD})")
