"""The identity as read from the card, read-only (labels, never editable widgets), with the photo or the
reason there is none, and the registration checks: refusals, warnings and an existing record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from terminal.core import card_codes
from terminal.core.errors import CardExpired, ReaderFault, RegisteredElsewhere, TerminalError, Underage
from terminal.core.registration_rules import WARNING_TEXT
from terminal.ui.camera import open_camera
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.usecases.registration import CardPreview, PhotoSource, Scan
from wirecontract.identity import CardType, Identity

PhotoDecoder = Callable[[bytes], bytes]  # WLT → BMP; raises PhotoDecoderUnavailable
FIELDS = ("name", "sex", "ethnicity", "birth", "id", "address", "authority", "valid", "card_type", "extra")
# The header's colour per state: it agrees with what the checks below it say.
GOOD, BAD, NEUTRAL = "#1b5e20", "#b00020", "#37474f"


def _without_detail(error: TerminalError, lang: str) -> str:
    """The message in one language: an error's technical detail (in English, for the log) stays out of the box."""
    text = error.message(lang)
    return text.removesuffix(f" ({error.detail})") if error.detail else text


class IdentityPanel(Retranslating, QWidget):
    open_record = Signal(int)  # worker id of an existing registration

    def __init__(self, decode_photo: PhotoDecoder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityPanel")
        self._decode_photo = decode_photo
        self.preview: CardPreview | None = None
        self.refusal: TerminalError | None = None
        self.read_fault: ReaderFault | None = None
        self.photo_reason: TerminalError | None = None
        self.photo_file: Path | None = None
        self.decoded_photo: bytes | None = None  # the card's own photo, when a vendor decoder is configured
        self.camera_photo: bytes | None = None  # a JPEG taken with the camera
        self.identity: Identity | None = None  # what the labels show (refused cards too), re-said on a language switch
        self.saved = False  # the registration of the card shown was saved
        self.prompt = QLabel()
        self.prompt.setObjectName("cardPrompt")
        self.prompt.setStyleSheet("font-size: 16pt;")
        self.values = {key: QLabel() for key in FIELDS}
        self._captions = {key: QLabel() for key in FIELDS}
        for key, label in self.values.items():
            label.setObjectName(f"identity_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.photo = QLabel()
        self.photo.setObjectName("identityPhoto")
        self.photo.setFixedSize(143, 176)  # the card photo's 102×126 at 1.4×
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.photo.setStyleSheet("border: 1px solid #999;")
        self.photo_button = QPushButton()
        self.photo_button.setObjectName("photoFromFile")
        self.photo_button.clicked.connect(self._ask_photo)
        self.camera_button = QPushButton()
        self.camera_button.setObjectName("photoFromCamera")
        self.camera_button.clicked.connect(self._take_photo)
        self.status = QLabel()
        self.status.setObjectName("identityStatus")
        self.status.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openExisting")
        self.open_button.clicked.connect(self._open_existing)
        self.open_button.hide()

        form = QFormLayout()
        for key in FIELDS:
            form.addRow(self._captions[key], self.values[key])
        photo_column = QVBoxLayout()
        photo_column.addWidget(self.photo)
        photo_column.addWidget(self.photo_button)
        photo_column.addWidget(self.camera_button)
        photo_column.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addLayout(photo_column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.open_button)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        captions = {"name": self.tr("姓名"), "sex": self.tr("性别"), "ethnicity": self.tr("民族/国籍"),
                    "birth": self.tr("出生日期"), "id": self.tr("证件号码"), "address": self.tr("住址"),
                    "authority": self.tr("签发机关"), "valid": self.tr("有效期限"), "card_type": self.tr("证件类型"),
                    "extra": self.tr("其他")}  # fmt: skip
        if self.identity is not None and self.identity.card_type is CardType.FOREIGN_PERMANENT:
            captions["authority"] = self.tr("受理机关")
        if self.identity is not None and not self.identity.ethnicity_code:
            captions["ethnicity"] = self.tr("国籍")
        for key, text in captions.items():
            self._captions[key].setText(text)
        self.photo_button.setText(self.tr("从文件选择照片…"))
        self.camera_button.setText(self.tr("用摄像头拍照…"))
        self.open_button.setText(self.tr("打开已登记的档案(&O)"))
        if self.identity is not None:
            self._fill(self.identity)
        self._show_prompt()
        self._show_photo()
        self._show_status()


    def clear(self) -> None:
        self.preview, self.refusal, self.read_fault, self.photo_file = None, None, None, None
        self.decoded_photo = self.camera_photo = None
        self.identity, self.saved = None, False
        for label in self.values.values():
            label.clear()
        self.retranslate()

    def header(self) -> tuple[str, str]:
        """(text, colour) of the header: what may happen next with the card shown, never contradicting the checks."""
        if self.saved:
            return self.tr("登记已保存"), GOOD
        if isinstance(self.refusal, CardExpired):
            return self.tr("证件已过期，不能登记"), BAD
        if isinstance(self.refusal, Underage):
            return self.tr("未满 16 周岁，不能登记"), BAD
        if isinstance(self.refusal, RegisteredElsewhere):
            return self.tr("已由其他机构登记，不能在本机构登记"), BAD
        if self.refusal is not None:
            return self.tr("该证件不能用于登记"), BAD
        if self.preview is not None and self.preview.existing_worker_id is not None:
            return self.tr("已在本机构登记，请打开其档案"), BAD
        if self.preview is not None:
            return self.tr("已读取证件，可以继续填写资料"), GOOD
        if self.read_fault is not None:
            return self.tr("读卡未完成，请重新放置证件"), BAD
        return self.tr("请将身份证放在读卡器上"), NEUTRAL

    def _show_prompt(self) -> None:
        text, colour = self.header()
        self.prompt.setText(text)
        self.prompt.setStyleSheet(f"font-size: 16pt; color: {colour};")

    def mark_saved(self) -> None:
        self.saved = True
        self._show_prompt()

    def show_preview(self, preview: CardPreview) -> None:
        self.preview, self.refusal, self.read_fault, self.photo_file = preview, None, None, None
        self.decoded_photo = self.camera_photo = None
        self.saved = False
        identity = preview.identity
        self._fill(identity)
        self.photo_reason = None
        self.retranslate()

    def show_refusal(self, identity: Identity | None, error: TerminalError) -> None:
        """A card that may not be registered (expired, under age, invalid number): shown, but refused."""
        self.preview, self.refusal, self.read_fault, self.saved = None, error, None, False
        if identity is not None:
            self._fill(identity)
        else:
            self.identity = None
            for label in self.values.values():
                label.clear()
        self.retranslate()

    def show_read_fault(self, fault: ReaderFault) -> None:
        """The read failed half way: keep whatever identity was shown before and say what to do."""
        self.read_fault = fault
        self._show_prompt()
        self._show_status()

    def _fill(self, identity: Identity) -> None:
        """Every field in words of the operator's language: codes (sex, ethnicity, nationality, the accepting
        authority of a foreigner's card) through the code tables, never raw."""
        self.identity = identity
        lang = ui_lang()
        valid_to = identity.valid_to.isoformat() if identity.valid_to else self.tr("长期")
        name = identity.display_name + (f" ({identity.english_name})" if identity.name and identity.english_name else "")
        extra = []
        if identity.pass_number:
            extra.append(self.tr("通行证号码 %1").replace("%1", identity.pass_number))
        if identity.issue_count is not None:
            extra.append(self.tr("签发次数 %1").replace("%1", str(identity.issue_count)))
        if identity.card_version:
            extra.append(self.tr("证件版本 %1").replace("%1", identity.card_version))
        values = {
            "name": name, "sex": card_codes.sex(identity.sex_code, lang), "ethnicity": card_codes.origin(identity, lang),
            "birth": identity.birth_date.isoformat(),
            # The 15-character foreigner number's check digit rule is unconfirmed: the read says it was not checked.
            "id": identity.masked_id_number + ("" if identity.id_number_check_verified else " · " + self.tr("校验位未核验")),
            "address": identity.address or "", "authority": card_codes.authority(identity, lang),
            "valid": f"{identity.valid_from.isoformat() if identity.valid_from else ''} – {valid_to}",
            "card_type": card_codes.card_type(identity.card_type, lang)
            + (" · " + self.tr("模拟") if identity.provenance.simulated else ""),
            "extra": " · ".join(extra),
        }  # fmt: skip
        for key, text in values.items():
            self.values[key].setText(text)
            self.values[key].setVisible(bool(text) or key not in ("address", "extra"))
            self._captions[key].setVisible(bool(text) or key not in ("address", "extra"))

    def _show_photo(self) -> None:
        if self.photo_file is not None or self.camera_photo is not None:
            pixmap = QPixmap(str(self.photo_file)) if self.photo_file is not None else QPixmap()
            if self.photo_file is None and self.camera_photo is not None:
                pixmap.loadFromData(self.camera_photo)
            self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))
            return
        identity = self.preview.identity if self.preview else None
        if identity is None:
            self.photo.clear()
            self.photo.setText(self.tr("照片"))
            self.photo_button.setEnabled(False)
            self.camera_button.setEnabled(False)
            return
        self.photo_button.setEnabled(True)
        self.camera_button.setEnabled(True)
        if identity.photo_wlt:
            try:
                bmp = self._decode_photo(identity.photo_wlt)
            except TerminalError as reason:
                self.photo_reason = reason
            else:
                self.decoded_photo = bmp
                pixmap = QPixmap()
                pixmap.loadFromData(bmp)
                self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))
                return
        self.photo.clear()
        self.photo.setText(_without_detail(self.photo_reason, ui_lang()) if self.photo_reason else self.tr("证件没有照片"))

    def _ask_photo(self) -> None:
        dialog = QFileDialog(self, self.tr("选择照片"))
        dialog.setNameFilter(self.tr("图片 (*.png *.jpg *.jpeg *.bmp)"))
        dialog.fileSelected.connect(lambda path: self.set_photo_file(Path(path)))
        dialog.open()

    def set_photo_file(self, path: Path) -> None:
        self.photo_file, self.camera_photo = path, None
        self._show_photo()

    def _take_photo(self) -> None:
        if not open_camera(self, self.set_camera_photo):
            self.camera_button.setEnabled(False)
            self.camera_button.setToolTip(self.tr("未发现摄像头，请从文件选择照片。"))

    def set_camera_photo(self, jpeg: bytes) -> None:
        self.photo_file, self.camera_photo = None, jpeg
        self._show_photo()

    def photo_scan(self) -> Scan | None:
        """What registration keeps as the worker's photo: a chosen file wins over the decoded card photo."""
        if self.photo_file is not None:
            mime = {".png": "image/png", ".bmp": "image/bmp"}.get(self.photo_file.suffix.lower(), "image/jpeg")
            return Scan(self.photo_file.read_bytes(), mime, self.photo_file.name)
        if self.camera_photo is not None:
            return Scan(self.camera_photo, "image/jpeg", "camera.jpg")
        if self.decoded_photo is not None:
            return Scan(self.decoded_photo, "image/bmp", "card-photo.bmp")
        return None

    def photo_source(self) -> PhotoSource:
        """Where photo_scan()'s photo comes from, in the same order of precedence; kept with the worker."""
        if self.photo_file is not None:
            return PhotoSource.FILE
        if self.camera_photo is not None:
            return PhotoSource.CAMERA
        return PhotoSource.CARD if self.decoded_photo is not None else PhotoSource.FILE

    def _show_status(self) -> None:
        lang = ui_lang()
        lines: list[str] = []
        style = "color: #1b5e20;"
        if self.read_fault is not None:
            lines.append(self.read_fault.message(lang) + " " + self.tr("已填写的资料不会丢失。"))
            style = "color: #b00020;"
        if self.refusal is not None:
            lines.append(self.refusal.message(lang))
            style = "color: #b00020;"
        existing = self.preview.existing_worker_id if self.preview else None
        if self.preview is not None:
            lines += [WARNING_TEXT[w][0 if lang == "zh" else 1] for w in self.preview.check.warnings if w in WARNING_TEXT]
            if existing is not None:
                lines.append(self.tr("该人员已在本机构登记，请打开其档案。"))
                style = "color: #b00020;"
            elif not lines and self.preview.identity.id_number_check_verified:
                lines.append(self.tr("校验通过：证件有效，号码校验位正确，年龄 %1 岁。").replace("%1", str(self.preview.check.age)))
            elif not lines:
                lines.append(self.tr("校验通过：证件有效，年龄 %1 岁（此类证件号码的校验位无法核验）。").replace("%1", str(self.preview.check.age)))
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet(style)
        self.open_button.setVisible(existing is not None)

    def _open_existing(self) -> None:
        if self.preview is not None and self.preview.existing_worker_id is not None:
            self.open_record.emit(self.preview.existing_worker_id)
