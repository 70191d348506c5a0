"""A clerk's registration journey on the form itself: every error at once with a summary that jumps to the
field, required-field stars, service types as chips, a header that agrees with the card's state, and every
code on a foreigner's card said in words, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QPushButton

from terminal.reader.virtual import VirtualSamReader
from tests.ui.conftest import Running
from tests.ui.helpers import fill_profile, tap, visible


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_error_at_once_with_a_summary_that_jumps(signed_in: Running, device: VirtualSamReader, lang: str) -> None:
    signed_in.terminal.languages.switch(lang)
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    form = page.form
    page.save_button.click()  # the first save: nothing typed, consent not given
    failed = form.failed_keys()
    assert failed == ["phone", "address", "types", "consent"]  # consent too, on the first save
    assert all(visible(form.errors[key]) for key in failed)
    assert visible(form.summary)
    summary = form.summary.text()
    for key in failed:
        assert f"href='{key}'" in summary
    if lang == "en":
        assert "4" in summary and "consent" in summary.lower() and not any("\u4e00" <= ch <= "\u9fff" for ch in form.summary.text().split("</b>")[1])
    else:
        assert "须取得本人" in summary
    assert QApplication.focusWidget() is form.phone or not signed_in.window.isActiveWindow()
    assert page.worker_id is None and signed_in.terminal.db.pending == 0
    form.summary.linkActivated.emit("consent")  # a link in the summary goes to its field
    assert form.consent.hasFocus() or not signed_in.window.isActiveWindow()
    # Fixed in one pass: the next save goes through.
    fill_profile(form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    assert not visible(form.summary)


def test_required_fields_are_starred_and_types_are_chips(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    form = page.form
    for key in ("phone", "address", "types", "consent"):
        assert "*" in form._labels[key].text()
    for key in ("permit", "education", "certificate"):
        assert "*" not in form._labels[key].text()
    chips = form.types.findChildren(QPushButton)
    assert len(chips) == 10 and all(chip.isCheckable() for chip in chips)
    tap(signed_in, device, "resident")
    form.chips["elderly"].click()
    form.chips["hourly"].click()
    assert form.checked_types() == ["elderly", "hourly"]
    form.chips["hourly"].click()
    assert form.checked_types() == ["elderly"]
    # A chip grid is a few rows high, not a scrolled list.
    assert form.types.sizeHint().height() < 160


def test_the_header_agrees_with_the_state(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    panel = page.panel
    assert panel.prompt.text() == "请将身份证放在读卡器上"
    tap(signed_in, device, "resident_expired")
    assert panel.prompt.text() == "证件已过期，不能登记" and "过期" in panel.status.text()
    device.remove()
    signed_in.qtbot.waitUntil(lambda: device.card is None)
    tap(signed_in, device, "resident")
    assert panel.prompt.text() == "已读取证件，可以继续填写资料"
    assert "照片" in panel.photo.text() and "library" not in panel.photo.text()  # the reason in one language
    fill_profile(page.form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    assert panel.prompt.text() == "登记已保存"
    device.remove()
    signed_in.qtbot.waitUntil(lambda: device.card is None)
    page.start_over()
    tap(signed_in, device, "resident")
    assert panel.prompt.text() == "已在本机构登记，请打开其档案"
    assert "该人员已在本机构登记" in panel.status.text()
    signed_in.terminal.languages.switch("en")
    signed_in.qtbot.waitUntil(lambda: panel.prompt.text() == "Already registered here: open the record")


@pytest.mark.parametrize(("lang", "nationality", "authority", "sex"), [
    ("zh", "美国", "内蒙古自治区公安出入境管理部门（代码 1500）", "男"),
    ("en", "United States", "Exit-entry administration, Inner Mongolia (code 1500)", "Male"),
])  # fmt: skip
def test_a_foreigners_card_in_words(signed_in: Running, device: VirtualSamReader, lang: str, nationality: str,
                                    authority: str, sex: str) -> None:  # fmt: skip
    signed_in.terminal.languages.switch(lang)
    panel = signed_in.window.register.panel
    tap(signed_in, device, "foreign_permanent")
    values = {key: label.text() for key, label in panel.values.items()}
    assert values["ethnicity"] == nationality and values["authority"] == authority and values["sex"] == sex
    assert "USA" not in values["ethnicity"] and values["authority"] != "1500"
    assert "2028-04-01" in values["valid"]
    tap(signed_in, device, "foreign_permanent_2023")
    assert panel.values["ethnicity"].text() == ("加拿大" if lang == "zh" else "Canada")
    assert panel.values["authority"].text() == ("中华人民共和国国家移民管理局" if lang == "zh"
                                                else "National Immigration Administration of China")  # fmt: skip


def test_codes_follow_a_language_switch(signed_in: Running, device: VirtualSamReader) -> None:
    panel = signed_in.window.register.panel
    tap(signed_in, device, "resident_long_term")
    assert panel.values["ethnicity"].text() == "回" and panel.values["sex"].text() == "女"
    assert "长期" in panel.values["valid"].text()
    signed_in.terminal.languages.switch("en")
    signed_in.qtbot.waitUntil(lambda: panel.values["ethnicity"].text() == "Hui")
    assert panel.values["sex"].text() == "Female"
    assert "长期" not in panel.values["valid"].text()
    assert panel.values["card_type"].text().startswith("Resident identity card")


def test_a_fixed_field_leaves_the_summary(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    page.save_button.click()
    assert "href='phone'" in page.form.summary.text()
    page.form.phone.setText("13812345678")
    page.form.phone.textEdited.emit("13812345678")  # what typing emits
    assert "href='phone'" not in page.form.summary.text() and "href='address'" in page.form.summary.text()


def test_my_screens_fit_a_1366_by_768_screen(running: Running) -> None:
    """The registration, training and agency pages each fit the window's page area on 1366×768."""
    running.sign_in("admin")
    window = running.window
    window.resize(1366, 768 - 40 - 30)
    # The window takes its new size when the platform says so: the page area is measured after that.
    running.qtbot.waitUntil(lambda: window.size() == QSize(1366, 768 - 40 - 30))
    for page in (window.register, window.training, window.agency):
        window.pages.setCurrentWidget(page)
        running.qtbot.waitUntil(page.isVisible)
        hint = page.minimumSizeHint()
        assert hint.width() <= window.pages.width() and hint.height() <= window.pages.height(), page.objectName()
