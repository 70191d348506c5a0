from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from terminal.core.errors import InvalidInput, InvalidTransition
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.usecases import credentials, printing, registration
from tests.builders import actor, card_read, profile, register_eligible
from wirecontract import qrpayload

TODAY = dt.date.today()
CLERK, SUP = actor(Role.CLERK), actor(Role.SUPERVISOR)


def _approved(db: Database) -> str:
    worker_id, _ = register_eligible(db, card_read(name="印证人"))
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    return no


def test_card_needs_a_verification_page(db: Database) -> None:
    no = _approved(db)
    with pytest.raises(InvalidInput, match="enrol"):
        printing.card_data(db, no)


def test_card_qr_verifies_against_the_terminal_key_and_knows_void_versions(db: Database) -> None:
    SyncStateRepo(db).set("server_url", "https://centre.example.test")
    no = _approved(db)
    card = printing.card_data(db, no)
    assert card.name == "印证人" and "*" in card.masked_id_number and card.demo  # simulated read → DEMO mark
    keys = printing.known_keys(db)
    assert qrpayload.verify(card.qr_url, keys, allow_demo=True).valid
    assert not qrpayload.verify(card.qr_url, keys, allow_demo=False).valid  # a production verifier refuses it
    printing.record_print(db, CLERK, no, "CardPrinter", "17", ok=True)
    assert credentials.get(db, no).state is State.PRINTED
    credentials.transition(db, SUP, no, Action.REPRINT, TODAY, reason="损坏")
    result = qrpayload.verify(card.qr_url, keys, revoked=printing.void_versions(db), allow_demo=True)
    assert not result.valid and result.reason is qrpayload.VerificationReason.REVOKED
    assert qrpayload.verify(printing.card_data(db, no).qr_url, keys, revoked=printing.void_versions(db),
                            allow_demo=True).valid  # fmt: skip


def test_failed_print_leaves_the_credential_waiting(db: Database) -> None:
    SyncStateRepo(db).set("server_url", "https://centre.example.test")
    no = _approved(db)
    printing.record_print(db, CLERK, no, "CardPrinter", None, ok=False, detail="queue stopped")
    assert credentials.get(db, no).state is State.APPROVED
    history = printing.print_history(db, no)
    assert [h["status"] for h in history] == ["failed"]


def test_applied_credential_cannot_be_printed(db: Database) -> None:
    SyncStateRepo(db).set("server_url", "https://centre.example.test")
    worker_id = registration.register_worker(db, CLERK, card_read(), profile(), TODAY)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    with pytest.raises(InvalidTransition):
        printing.card_data(db, no)


def test_a_bmp_card_photo_is_printed_as_png(db: Database) -> None:
    import io

    from PIL import Image

    from terminal.usecases.registration import Scan

    SyncStateRepo(db).set("server_url", "https://centre.example.test")
    bmp = io.BytesIO()
    Image.new("RGB", (102, 126), (10, 20, 30)).save(bmp, "BMP")
    worker_id, _ = register_eligible(db, photo=Scan(bmp.getvalue(), "image/bmp"))
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    photo = printing.card_data(db, no).photo
    assert photo is not None and photo.startswith(b"\x89PNG")
    with pytest.raises(InvalidInput, match="photo"):
        registration.register_worker(db, CLERK, card_read(), dataclasses.replace(profile(), photo=Scan(b"x", "application/pdf")), TODAY)
