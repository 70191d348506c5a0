"""Settings → Card reader: lists vendor SDK readers beside PC/SC and serial ones and writes the choice to
config.json, with the listing on a thread of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from terminal.store.home import Home
from terminal.ui.reader_settings import ReaderSettingsDialog, reader_settings


def test_a_vendor_reader_is_listed_chosen_and_saved(qtbot: QtBot, tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    dll = tmp_path / "ReaderSDK" / "sdtapi.dll"  # not a DLL at all: listed, but unavailable
    home.update_config(sdt_dll=str(dll), reader="")
    dialog = ReaderSettingsDialog(home)
    qtbot.addWidget(dialog)
    chooser = dialog.chooser
    qtbot.waitUntil(lambda: not chooser.listing, timeout=30_000)
    items = [chooser.readers.item(i) for i in range(chooser.readers.count())]
    vendor = [item for item in items if item.data(Qt.ItemDataRole.UserRole) == f"sdt:{dll}"]
    assert len(vendor) == 1 and "厂商 SDK, 不可用" in vendor[0].text()  # in the UI's one language
    assert all(item.data(Qt.ItemDataRole.UserRole) != "virtual" for item in items)  # not a demo home
    chooser.readers.setCurrentItem(vendor[0])
    chooser.decoder.setText(str(dll.with_name("WltRS.dll")))
    dialog.save()
    config = home.config()
    assert config["reader"] == f"sdt:{dll}" and config["sdt_dll"] == str(dll)
    assert config["photo_decoder"] == str(dll.with_name("WltRS.dll")) and config["photo_decoder_function"] == "unpack"


def test_choosing_a_vendor_reader_by_its_dll_alone_lists_it_too() -> None:
    values = reader_settings({}, "sdt:C:\\SDK\\sdtapi.dll", "", "")
    assert values == {"reader": "sdt:C:\\SDK\\sdtapi.dll", "sdt_dll": "C:\\SDK\\sdtapi.dll", "photo_decoder": ""}
    assert reader_settings({"photo_decoder_function": "GetBmp"}, "pcsc:ACS", "", "D:\\w.dll") == {
        "reader": "pcsc:ACS", "sdt_dll": "", "photo_decoder": "D:\\w.dll",
    }  # fmt: skip


def test_the_identity_panel_says_where_the_photo_comes_from(qtbot: QtBot, tmp_path: Path) -> None:
    import datetime as dt
    import io

    from PIL import Image

    from terminal.core.registration_rules import check_identity_for_registration
    from terminal.store.identity_reads import decode
    from terminal.ui.identity_panel import IdentityPanel
    from terminal.usecases.registration import CardPreview, PhotoSource
    from tests.builders import card_read
    from tests.support.sdt_standin import wlt_photo

    bmp = io.BytesIO()
    Image.new("RGB", (102, 126), (1, 2, 3)).save(bmp, "BMP")
    panel = IdentityPanel(lambda wlt: bmp.getvalue())
    qtbot.addWidget(panel)
    read = card_read()
    read = type(read)(raw_text=read.raw_text, photo_wlt=wlt_photo(read.raw_text), provenance=read.provenance)
    identity = decode(read)
    panel.show_preview(CardPreview(identity, check_identity_for_registration(identity, dt.date.today()), None))
    scan = panel.photo_scan()
    assert scan is not None and scan.mime == "image/bmp" and panel.photo_source() is PhotoSource.CARD
    jpeg = io.BytesIO()
    Image.new("RGB", (10, 10)).save(jpeg, "JPEG")
    panel.set_camera_photo(jpeg.getvalue())
    assert panel.photo_source() is PhotoSource.CAMERA
    picture = tmp_path / "face.png"
    Image.new("RGB", (10, 10)).save(picture)
    panel.set_photo_file(picture)
    assert panel.photo_source() is PhotoSource.FILE
