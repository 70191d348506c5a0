"""Run-time language switching for widgets: Qt sends LanguageChange to every widget when a translator is
installed or removed; a widget with this mixin then redoes its texts in `retranslate()`."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Put first among the bases (`class Page(Retranslating, QWidget)`); the class defines retranslate()."""

    def retranslate(self) -> None:
        """Set every visible text again through tr(); each widget that uses the mixin overrides this."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
