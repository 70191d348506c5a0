"""Choosing the card reader (PC/SC, serial, vendor SDK) and the vendor's DLL and photo decoder: `ReaderChooser`,
shown by Settings → Card reader (`ReaderSettingsDialog`) and by the first-run wizard's reader page.

The terminal's configuration lives in config.json (docs/install.md §6); the chooser's values are its reader
section. Listing the readers starts vendor helpers and asks PC/SC, which can take a moment, so it runs on a thread
of the chooser's own and the window stays responsive. The choice takes effect when the program starts (the reader
thread is made once, at start).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from terminal.reader.discovery import VIRTUAL, Discovery, default_backends, discover
from terminal.reader.sdt import SDT_PREFIX
from terminal.reader.transport import ReaderBackend
from terminal.store.home import Home
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.tasks import TaskThread


def reader_settings(config: dict[str, Any], reader: str, sdt_dll: str, decoder: str) -> dict[str, Any]:
    """The config.json values the dialog writes (Qt-free logic, tested on its own)."""
    values: dict[str, Any] = {"reader": reader, "sdt_dll": sdt_dll.strip(), "photo_decoder": decoder.strip()}
    if reader.startswith(SDT_PREFIX) and not values["sdt_dll"]:
        values["sdt_dll"] = reader.removeprefix(SDT_PREFIX)
    if values["photo_decoder"] and not config.get("photo_decoder_function"):
        values["photo_decoder_function"] = "unpack"
    return values


Backends = Callable[[Mapping[str, Any]], Sequence[ReaderBackend]]


class ReaderChooser(Retranslating, QWidget):
    """The reader list with its refresh button, the vendor DLL and decoder fields, and a status line.

    `offer_virtual`: the virtual reader is listed (demo homes, the first-run wizard, a home already using it);
    it is never chosen unless the operator picks it. `backends` lists the readers for a configuration
    (tests pass their own)."""

    def __init__(self, config: Mapping[str, Any], offer_virtual: bool, backends: Backends = default_backends,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.config = dict(config)
        self.offer_virtual = offer_virtual
        self._backends = backends
        self._wanted = str(self.config.get("reader") or "")
        self.worker = TaskThread[None]("reader-list")
        self.worker.start()
        self.readers = QListWidget()
        self.readers.setObjectName("readerList")
        self.dll = QLineEdit(str(self.config.get("sdt_dll") or ""))
        self.dll.setObjectName("sdtDll")
        self.decoder = QLineEdit(str(self.config.get("photo_decoder") or ""))
        self.decoder.setObjectName("photoDecoder")
        self.dll_button, self.decoder_button = QPushButton(), QPushButton()
        self.dll_button.clicked.connect(lambda: self._browse(self.dll))
        self.decoder_button.clicked.connect(lambda: self._browse(self.decoder))
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshReaders")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("readerSettingsStatus")
        self.status.setWordWrap(True)
        self.dll_label, self.decoder_label, self.list_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        for label, edit, button in ((self.dll_label, self.dll, self.dll_button),
                                    (self.decoder_label, self.decoder, self.decoder_button)):  # fmt: skip
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_label)
        layout.addWidget(self.readers, 1)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.status)
        self.retranslate()
        self._show([])
        self.refresh()

    def retranslate(self) -> None:
        self.list_label.setText(self.tr("选择读卡器（PC/SC、串口、厂商 SDK）："))
        self.dll_label.setText(self.tr("厂商 SDK（sdtapi.dll）："))
        self.decoder_label.setText(self.tr("照片解码库："))
        self.dll_button.setText(self.tr("浏览…"))
        self.decoder_button.setText(self.tr("浏览…"))
        self.refresh_button.setText(self.tr("刷新列表"))

    def _browse(self, edit: QLineEdit) -> None:
        dialog = QFileDialog(self, self.tr("选择 DLL"))
        dialog.setNameFilter(self.tr("DLL 文件 (*.dll)"))
        dialog.fileSelected.connect(edit.setText)
        dialog.open()

    def refresh(self) -> None:
        """List every reader on the chooser's own thread (vendor helpers start, PC/SC is asked)."""
        config = {**self.config, "sdt_dll": self.dll.text().strip(), "photo_decoder": self.decoder.text().strip()}
        backends = self._backends
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("正在查找读卡器…"))
        self.worker.submit(lambda _none: discover(backends(config)), self._listed, self._list_failed)

    @property
    def listing(self) -> bool:
        return not self.refresh_button.isEnabled()

    def _listed(self, found: Discovery) -> None:
        self.refresh_button.setEnabled(True)
        self._show([(r.name, r.kind, r.state.value) for r in found.readers])
        lines = [fault.message(ui_lang()) for fault in found.faults]
        if not found.readers:
            lines.append(self.tr("除虚拟读卡器外，没有找到读卡器。") if self.offer_virtual else self.tr("没有找到读卡器。"))
        self.status.setText("\n".join(lines))

    def _show(self, found: list[tuple[str, str, str]]) -> None:
        """The list: what was found, and the virtual reader where offered; the operator's choice stays chosen."""
        current = self.readers.currentItem()
        if current is not None:
            self._wanted = str(current.data(Qt.ItemDataRole.UserRole))
        self.readers.clear()
        names = list(found)
        if self.offer_virtual or self._wanted == VIRTUAL:
            names.append((VIRTUAL, "virtual", "ready"))
        for name, kind, state in names:
            label = self.tr("虚拟读卡器（仅用于演示和培训，读取的数据标记为模拟）") if kind == "virtual" else name
            item = QListWidgetItem(f"{label}    [{self._kind_label(kind)}, {self._state_label(state)}]")
            item.setData(Qt.ItemDataRole.UserRole, name if kind != "pcsc" else f"pcsc:{name}")
            self.readers.addItem(item)
            if self._wanted in (name, f"pcsc:{name}"):
                self.readers.setCurrentItem(item)

    def _kind_label(self, kind: str) -> str:
        labels = {"pcsc": "PC/SC", "serial": self.tr("串口"), "sdt": self.tr("厂商 SDK"), "virtual": self.tr("虚拟")}
        return labels.get(kind, kind)

    def _state_label(self, state: str) -> str:
        labels = {"ready": self.tr("就绪"), "empty": self.tr("无响应"), "unavailable": self.tr("不可用")}
        return labels.get(state, state)

    def _list_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(str(error))

    def choose(self, reader: str) -> bool:
        """Select the listed reader with this config name (`pcsc:…`, `sdt:…`, `virtual`); False if not listed."""
        for i in range(self.readers.count()):
            item = self.readers.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == reader:
                self.readers.setCurrentItem(item)
                return True
        return False

    def chosen(self) -> str:
        """The reader to write to config.json; with nothing selected, a vendor DLL typed in names its reader,
        else the configured one stays (empty: the first PC/SC reader that answers, never the simulator)."""
        item = self.readers.currentItem()
        if item is not None:
            return str(item.data(Qt.ItemDataRole.UserRole))
        dll = self.dll.text().strip()
        return f"{SDT_PREFIX}{dll}" if dll else str(self.config.get("reader") or "")

    def values(self) -> dict[str, Any]:
        return reader_settings(self.config, self.chosen(), self.dll.text(), self.decoder.text())

    def shutdown(self) -> None:
        self.worker.shutdown()


class ReaderSettingsDialog(Retranslating, QDialog):
    def __init__(self, home: Home, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerSettings")
        self.home = home
        self.chooser = ReaderChooser(home.config(), offer_virtual=home.is_demo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(640, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("读卡器设置"))

    def save(self) -> None:
        self.home.update_config(**self.chooser.values())
        self.chooser.config = self.home.config()
        self.chooser.status.setText(self.tr("已保存。重新启动程序后生效。"))
        self.accept()

    def done(self, result: int) -> None:
        self.chooser.shutdown()
        super().done(result)
