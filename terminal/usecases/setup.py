"""First-time set-up of a home: the key, the database, the agency, the first administrator."""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from terminal.core.errors import HomeAlreadyInitialised, InvalidInput
from terminal.core.roles import Role
from terminal.store import audit, keys
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.kv import SettingsRepo
from terminal.store.migrate import migrate
from terminal.store.private import make_private_folder
from terminal.usecases import operators, validation
from terminal.usecases.context import new_uid, utcnow
from wirecontract.errors import Text
from wirecontract.signing import TerminalKey

SIGNING_KEY_SETTING = "terminal_signing_key"


@dataclass(frozen=True)
class AgencyInput:
    name: str
    credit_code: str
    licence_kind: str  # "business_licence" or "civil_non_enterprise"
    licence_no: str
    legal_representative: str
    address: str
    phone: str = ""
    lease_until: str | None = None
    qualifications: list[str] = field(default_factory=list)
    commitment_signed_on: str | None = None


def validate_credit_code(code: str) -> str:
    """GB 32100 unified social credit code: 18 characters with a mod-31 check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    c = code.strip().upper()
    if len(c) != 18 or any(ch not in alphabet for ch in c):
        raise InvalidInput(field=Text("统一社会信用代码应为18位", "the unified social credit code must be 18 characters"))
    total = sum(alphabet.index(ch) * w for ch, w in zip(c[:17], weights, strict=True))
    if alphabet[(31 - total % 31) % 31] != c[17]:
        raise InvalidInput(field=Text("统一社会信用代码校验位错误", "the credit code's check character is wrong"))
    return c


def make_credit_code(first17: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(alphabet.index(ch) * w for ch, w in zip(first17, weights, strict=True))
    return first17 + alphabet[(31 - total % 31) % 31]


def _write_agency(db: Database, agency: AgencyInput) -> None:
    if agency.licence_kind not in ("business_licence", "civil_non_enterprise"):
        raise InvalidInput(field="licence kind")
    db.execute(
        "INSERT INTO agency(id, uid, name, credit_code, licence_kind, licence_no, legal_representative, address,"
        " lease_until, phone, qualifications, commitment_signed_on, updated_at)"
        " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new_uid(), validation.required(agency.name, Text("机构名称", "agency name")), validate_credit_code(agency.credit_code),
         agency.licence_kind, validation.required(agency.licence_no, Text("证照号", "licence number")),
         validation.required(agency.legal_representative, Text("法定代表人", "legal representative")),
         validation.required(agency.address, Text("经营地址", "address")), agency.lease_until, agency.phone,
         json.dumps(agency.qualifications, ensure_ascii=False), agency.commitment_signed_on, utcnow().isoformat()),
    )  # fmt: skip


def initialise_database(db: Database, agency: AgencyInput, admin_username: str, admin_name: str, admin_password: str) -> None:
    migrate(db)
    key = TerminalKey.generate()
    settings = SettingsRepo(db)
    with db.transaction():
        _write_agency(db, agency)
        settings.set(SIGNING_KEY_SETTING, base64.b64encode(key.private_raw).decode("ascii"))
        settings.set("terminal_number", f"{secrets.randbelow(10000):04d}")
        audit.append(db, "setup", "home.initialised", "agency", None, {"agency": asdict(agency)["name"]})
        operators.create_operator(db, None, admin_username, admin_name, Role.ADMINISTRATOR, admin_password)


def init_home(
    home: Home, agency: AgencyInput, admin_username: str, admin_name: str, admin_password: str,
    unlock_secret: str | None = None,
) -> str:  # fmt: skip
    """Create the home. Returns the recovery key: shown once, for the administrator to keep offline."""
    if home.exists():
        raise HomeAlreadyInitialised(home=str(home.root))
    if unlock_secret:
        keys.check_unlock_secret(unlock_secret)  # before anything is created
    make_private_folder(home.root)
    key = keys.new_database_key()
    recovery = keys.new_recovery_key()
    kf = keys.create_key_file(key, recovery, unlock_secret)
    _create(home, key, kf, lambda db: initialise_database(db, agency, admin_username, admin_name, admin_password))
    return recovery


def _create(home: Home, key: bytes, kf: keys.KeyFile, fill: object) -> None:
    tmp_db = home.root / "terminal.db.creating"
    for leftover in (tmp_db, Path(str(tmp_db) + "-wal"), Path(str(tmp_db) + "-shm")):
        leftover.unlink(missing_ok=True)
    db = Database.open(tmp_db, key, key_verified=True)
    try:
        fill(db)  # type: ignore[operator]
    finally:
        db.close()
    kf.save(home.root)
    tmp_db.replace(home.db_path)


def init_demo_home(home: Home, fill: object) -> None:
    if home.exists():
        raise HomeAlreadyInitialised(home=str(home.root))
    make_private_folder(home.root)
    _create(home, keys.DEMO_KEY, keys.demo_key_file(), fill)


def terminal_key(db: Database) -> TerminalKey:
    raw = SettingsRepo(db).get(SIGNING_KEY_SETTING)
    if raw is None:
        raise InvalidInput(field="terminal signing key missing")
    return TerminalKey(base64.b64decode(raw))
