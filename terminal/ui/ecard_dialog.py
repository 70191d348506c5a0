"""The electronic credential's activation (电子证件开通) on the worker page: a button for an issued credential that
makes the one-time activation link (terminal.usecases.ecard) on the database thread and shows its QR for the
worker's phone to scan, with the link itself and when it expires. Non-modal, plain text only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui.evaluation_slip_dialog import qr_image
from terminal.ui.feedback import report_error
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import ecard
from terminal.usecases.ecard import ActivationLink


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class EcardDialog(Retranslating, QDialog):
    def __init__(self, link: ActivationLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ecardDialog")
        self.link = link
        self.qr = QLabel()
        self.qr.setObjectName("ecardQr")
        self.qr.setPixmap(QPixmap.fromImage(qr_image(link.url, 440)))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = _plain()
        self.hint.setObjectName("ecardHint")
        self.url = _plain(link.url)
        self.url.setObjectName("ecardUrl")
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url.setStyleSheet("font-size: 8pt; color: #555;")
        self.close_button = QPushButton()
        self.close_button.setObjectName("ecardClose")
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.hint, self.qr, self.url, self.close_button):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("电子证件开通 %1").replace("%1", self.link.credential_no))
        expires = self.link.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.hint.setText(self.tr("请持证人用本人手机扫码，在手机上开通电子证件。开通码只能使用一次，%1 前有效；"
                                  "开通后，此前开通的手机即失效。").replace("%1", expires))  # fmt: skip
        self.close_button.setText(self.tr("关闭"))


class EcardButton(Retranslating, QPushButton):
    """Offered for an issued credential to an operator who may issue; `credential_no` reads the page's current one."""

    def __init__(
        self, session: Session, credential_no: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("action_ecard")
        self._session, self._credential_no = session, credential_no
        self.dialog: EcardDialog | None = None
        self.clicked.connect(self.activate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("电子证件"))

    def show_for(self, state: State | None) -> None:
        self.setVisible(state is State.ISSUED and self._session.may(Action.ISSUE))

    def activate(self) -> None:
        number = self._credential_no()
        if number is None:
            return
        actor = self._session.require_actor()

        def make(db: Database) -> ActivationLink:
            return ecard.activation_link(db, actor, number)

        def shown(link: ActivationLink) -> None:
            self.dialog = EcardDialog(link, self.window())
            self.dialog.show()  # not open(): the worker scans while the clerk goes on

        self._session.run(make, shown, lambda error: report_error(self.window(), error))
