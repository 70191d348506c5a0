"""Things done after registration, from the worker page: editing the profile (all errors at once, identity
untouched) and adding the letter a registration went without, so a stuck credential can be completed; and
the agency's registration file, with the legal representative read from the virtual reader. Each change is
audited and queued for the centre (tests/sync/test_profile_sync.py takes the same use cases through a real
sync)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.ui.agency_page import AgencyFilePage
from terminal.ui.profile_edit import LetterDialog, ProfileEditDialog, missing_letters
from terminal.ui.service_records import ServiceRecords
from terminal.usecases import registration
from terminal.usecases.registration import ProfileInput
from tests.ui.conftest import Running
from tests.ui.helpers import visible
from tests.ui.lifecycle_helpers import CLERK, card_of, holder_profile, sign_in_demo_staff
from tests.ui.test_lifecycle_issue import tap_card


def register_without_letters(running: Running) -> int:
    def op(db: Database) -> int:
        sign_in_demo_staff(db)
        base = holder_profile()
        profile = ProfileInput(base.phone, base.current_address, base.service_types, education=base.education,
                               letters=[x for x in base.letters if x.kind == "pi_consent"], photo=base.photo)  # fmt: skip
        return registration.register_worker(db, CLERK, card_of("resident"), profile, dt.date.today())

    return running.terminal.db.call(op)


def open_new_worker(running: Running, lang: str) -> tuple[int, ServiceRecords]:
    """A worker registered without letters, their page open in `lang`; the page's record bar."""
    running.terminal.languages.switch(lang)
    worker_id = register_without_letters(running)
    running.window.open_worker(worker_id)
    running.wait_idle()
    return worker_id, running.window.worker.service_records


def outbox_kinds(running: Running) -> list[str]:
    return running.terminal.db.call(lambda db: [str(r[0]) for r in db.query("SELECT kind FROM outbox ORDER BY seq")])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_edit_the_profile_after_registration(signed_in: Running, lang: str) -> None:
    _, bar = open_new_worker(signed_in, lang)
    window = signed_in.window
    assert visible(bar.buttons["profile"])
    bar.buttons["profile"].click()
    dialog = bar.dialog
    assert isinstance(dialog, ProfileEditDialog) and "张演示" in dialog.windowTitle()
    form = dialog.profile
    assert form.phone.text() == "13811112222" and form.checked_types() == ["cleaning"]
    assert not form.consent.isVisibleTo(dialog)  # consent and letters are not edited here
    form.phone.setText("123")
    form.address.clear()
    dialog.buttons.accepted.emit()
    assert form.failed_keys() == ["phone", "address"] and not form.summary.isHidden() and dialog.isVisible()
    form.phone.setText("13700002222")
    form.address.setText("上海市普陀区长寿路1号")
    form.chips["elderly"].click()
    form.insurance_box.setChecked(True)
    form.insurer.setText("中国人寿")
    form.policy.setText("GL-77")
    dialog.buttons.accepted.emit()
    signed_in.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    signed_in.wait_idle()
    record = window.worker.view.record if window.worker.view else None
    assert record is not None and record.phone == "13700002222" and record.service_types == ["cleaning", "elderly"]
    assert record.identity.name == "张演示"  # the card's identity is untouched
    assert {"worker.profile_changed", "insurance.recorded"} <= set(outbox_kinds(signed_in))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_add_the_missing_letter(signed_in: Running, tmp_path: Path, lang: str) -> None:
    worker_id, bar = open_new_worker(signed_in, lang)
    assert "b00020" in bar.buttons["letter"].styleSheet()  # a worker without letters: the button says so
    bar.buttons["letter"].click()
    dialog = bar.dialog
    assert isinstance(dialog, LetterDialog) and dialog.kind.currentData() == "employment_commitment"
    dialog.buttons.accepted.emit()  # no scan of the signed page yet
    assert visible(dialog.error) and dialog.isVisible()
    scan = tmp_path / "commitment.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    assert dialog.scan.set_file(scan)
    dialog.buttons.accepted.emit()
    signed_in.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    signed_in.qtbot.waitUntil(lambda: bar.record is not None and missing_letters(bar.record) == ["credit_authorisation"],
                              timeout=10_000)  # fmt: skip
    bar.buttons["letter"].click()
    second = bar.dialog
    assert isinstance(second, LetterDialog) and second.kind.currentData() == "credit_authorisation"
    assert second.scan.set_file(scan)
    second.buttons.accepted.emit()
    signed_in.qtbot.waitUntil(lambda: not second.isVisible(), timeout=10_000)
    signed_in.wait_idle()
    assert bar.buttons["letter"].styleSheet() == ""  # nothing missing any more
    kinds = signed_in.terminal.db.call(lambda db: sorted(str(r[0]) for r in db.query(
        "SELECT kind FROM letters WHERE worker_id = ? AND scan_sha256 IS NOT NULL", (worker_id,))))  # fmt: skip
    assert kinds == ["credit_authorisation", "employment_commitment"]
    assert outbox_kinds(signed_in).count("letter.signed") >= 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_agency_file_with_the_legal_representatives_card(running: Running, device: VirtualSamReader,
                                                             tmp_path: Path, lang: str) -> None:  # fmt: skip
    running.sign_in("admin")
    running.terminal.languages.switch(lang)
    window = running.window
    window.menu_actions["agency"].trigger()
    running.wait_idle()
    page = window.agency
    assert isinstance(page, AgencyFilePage) and window.pages.currentWidget() is page
    assert page.file is not None and page.file.legal_rep is None
    assert ("尚缺" if lang == "zh" else "Still missing") in page.missing.text()
    page.read_rep.click()
    assert page.wants_card
    tap_card(running, device, "resident_long_term")
    running.qtbot.waitUntil(lambda: page.file is not None and page.file.legal_rep is not None, timeout=10_000)
    assert window.pages.currentWidget() is page  # the tap did not open registration
    assert "李测试" in page.rep.text() and "310119" in page.rep.text() and "*" in page.rep.text()
    scan = tmp_path / "licence.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n scan")
    for picker in page.scans.values():
        assert picker.set_file(scan)
    page.qual_name.setText("家政服务机构等级证书")
    assert page.qual_scan.set_file(scan)
    page.phone.setText("021-64")  # too short: refused beside the form, nothing lost
    page.save_button.click()
    running.qtbot.waitUntil(lambda: visible(page.error), timeout=10_000)
    assert page.scans["licence"].scan is not None
    page.phone.setText("021-64001234")
    page.save_button.click()
    running.qtbot.waitUntil(lambda: page.file is not None and not page.file.missing, timeout=10_000)
    assert ("备案资料齐全" if lang == "zh" else "complete") in page.missing.text()
    kinds = outbox_kinds(running)
    assert kinds.count("agency.legal_representative") == 1 and kinds.count("agency.profile_changed") == 1


def test_a_clerk_has_no_agency_file(signed_in: Running) -> None:
    signed_in.window.work_menu.aboutToShow.emit()
    assert not signed_in.window.menu_actions["agency"].isVisible()
