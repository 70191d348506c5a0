"""Settings → Card reader: choose the reader (PC/SC, serial, vendor SDK) and the vendor's DLL and photo decoder.

The terminal's configuration lives in config.json (docs/install.md §6), written until now only by the first-run
wizard; this dialog is the reader section of it. Listing the readers starts vendor helpers and asks PC/SC, which
can take a moment, so it runs on a thread of its own and the dialog stays responsive. The choice takes effect when
the program starts again (the reader thread is made once, at start).
"""

from __future__ import annotations

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
from terminal.store.home import Home
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.tasks import TaskThread

KIND_LABELS = {"pcsc": "PC/SC", "serial": "串口 / serial", "sdt": "厂商 SDK / vendor SDK", "virtual": "虚拟 / virtual"}


def reader_settings(config: dict[str, Any], reader: str, sdt_dll: str, decoder: str) -> dict[str, Any]:
    """The config.json values the dialog writes (Qt-free logic, tested on its own)."""
    values: dict[str, Any] = {"reader": reader, "sdt_dll": sdt_dll.strip(), "photo_decoder": decoder.strip()}
    if reader.startswith(SDT_PREFIX) and not values["sdt_dll"]:
        values["sdt_dll"] = reader.removeprefix(SDT_PREFIX)
    if values["photo_decoder"] and not config.get("photo_decoder_function"):
        values["photo_decoder_function"] = "unpack"
    return values


class ReaderSettingsDialog(Retranslating, QDialog):
    def __init__(self, home: Home, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerSettings")
        self.home = home
        self.config = home.config()
        self.worker = TaskThread[None]("reader-settings")
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.dll_label, self.decoder_label, self.list_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        for label, edit, button in ((self.dll_label, self.dll, self.dll_button),
                                    (self.decoder_label, self.decoder, self.decoder_button)):  # fmt: skip
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_label)
        layout.addWidget(self.readers, 1)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(640, 420)
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("读卡器设置"))
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
        """List every reader on the dialog's own thread (vendor helpers start, PC/SC is asked)."""
        config = {**self.config, "sdt_dll": self.dll.text().strip(), "photo_decoder": self.decoder.text().strip()}
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("正在查找读卡器…"))
        self.worker.submit(lambda _none: discover(default_backends(config)), self._listed, self._list_failed)

    def _listed(self, found: Discovery) -> None:
        self.refresh_button.setEnabled(True)
        chosen = str(self.config.get("reader") or "")
        self.readers.clear()
        names = [(r.name, r.kind, r.state.value) for r in found.readers]
        if chosen == VIRTUAL or self.home.is_demo:
            names.append((VIRTUAL, "virtual", "ready"))
        for name, kind, state in names:
            item = QListWidgetItem(f"{name}    [{KIND_LABELS.get(kind, kind)}, {state}]")
            item.setData(Qt.ItemDataRole.UserRole, name if kind != "pcsc" else f"pcsc:{name}")
            self.readers.addItem(item)
            if chosen in (name, f"pcsc:{name}"):
                self.readers.setCurrentItem(item)
        lines = [fault.message(ui_lang()) for fault in found.faults]
        if not names:
            lines.append(self.tr("没有找到读卡器。"))
        self.status.setText("\n".join(lines))

    def _list_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(str(error))

    def chosen(self) -> str:
        item = self.readers.currentItem()
        if item is not None:
            return str(item.data(Qt.ItemDataRole.UserRole))
        dll = self.dll.text().strip()
        return f"{SDT_PREFIX}{dll}" if dll else str(self.config.get("reader") or "")

    def save(self) -> None:
        values = reader_settings(self.config, self.chosen(), self.dll.text(), self.decoder.text())
        self.home.update_config(**values)
        self.config = self.home.config()
        self.status.setText(self.tr("已保存。重新启动程序后生效。"))
        self.accept()

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)
