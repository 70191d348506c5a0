"""The worker's registered photo where identity is checked: the worker page, the approver's file and the issue
desk. `PhotoView` shows PNG/JPEG bytes (or says there is none); `WorkerPhoto` loads a worker's photo itself on the
database thread, so the worker page only tells it which worker is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import application_file

PHOTO_SIZE = (122, 151)  # the card photo's 102 × 126 at 1.2×: room for the face without crowding the page


class PhotoView(Retranslating, QLabel):
    def __init__(self, name: str = "photoView", size: tuple[int, int] = PHOTO_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFixedSize(*size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("border: 1px solid #999; background: #fafafa;")
        self.photo: bytes | None = None
        self.retranslate()

    def retranslate(self) -> None:
        if self.photo is None:
            self.setText(self.tr("无照片"))

    def show_photo(self, photo: bytes | None) -> None:
        self.photo = photo
        pixmap = QPixmap()
        if photo is not None and pixmap.loadFromData(photo):
            self.setPixmap(pixmap.scaled(self.contentsRect().size(), Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))  # fmt: skip
            return
        self.photo = None
        self.clear()
        self.retranslate()

    @property
    def showing_photo(self) -> bool:
        return self.photo is not None and not self.pixmap().isNull()


class WorkerPhoto(PhotoView):
    """A worker's photo, loaded for the worker the page shows; a late answer for another worker is dropped."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("workerPhoto", (98, 121), parent)  # the card photo's size: the header stays low
        self._session = session
        self.worker_id: int | None = None

    def load(self, worker_id: int) -> None:
        self.worker_id = worker_id
        self.show_photo(None)
        actor = self._session.require_actor()
        self._session.run(lambda db: application_file.photo_of_worker(db, actor, worker_id),
                          lambda photo: self._loaded(worker_id, photo))  # fmt: skip

    def _loaded(self, worker_id: int, photo: bytes | None) -> None:
        if worker_id == self.worker_id:
            self.show_photo(photo)
