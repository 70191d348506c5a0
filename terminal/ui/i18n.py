"""Language and font: Chinese by default, English at run time through Qt's translation system.

Source strings in the code are Chinese; resources/translations/terminal_en.ts holds the English, built
to a .qm by `python -m terminal.ui.translations_build`. Switching installs or removes the translator;
Qt then sends every widget a LanguageChange event and each screen re-sets its texts (`retranslate`).
The current language is Qt's default locale, so Qt-free error messages follow it via `ui_lang()`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from terminal.resources import resource_root

log = logging.getLogger("terminal.ui.i18n")

RESOURCES = resource_root()
TRANSLATIONS = RESOURCES / "translations"
FONT_FILE = RESOURCES / "fonts" / "DroidSansFallbackFull.ttf"
LANGUAGES = ("zh", "en")


def ui_lang() -> str:
    """'zh' or 'en': the language the operator chose (Qt's default locale)."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def load_app_font(app: QApplication, point_size: int = 10) -> str:
    """Load the shipped CJK font and make it the application font, so every PC renders the same."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("the CJK font %s could not be loaded", FONT_FILE.name)
        return app.font().family()
    app.setFont(QFont(families[0], point_size))
    return families[0]


class LanguageSwitcher:
    """Owns the installed translator; `switch(lang)` changes the whole UI at once."""

    def __init__(self, app: QCoreApplication, folder: Path = TRANSLATIONS) -> None:
        self._app = app
        self._folder = folder
        self._translator: QTranslator | None = None
        self.lang = "zh"

    def switch(self, lang: str) -> bool:
        """Returns False (and stays in Chinese) if the English catalogue was not built."""
        if lang not in LANGUAGES:
            lang = "zh"
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        ok = True
        if lang != "zh":
            translator = QTranslator(self._app)
            if translator.load(f"terminal_{lang}", str(self._folder)):
                self._app.installTranslator(translator)
                self._translator = translator
            else:
                log.error("translation catalogue terminal_%s.qm is missing; run the translations build", lang)
                ok = False
        self.lang = lang if ok else "zh"
        QLocale.setDefault(QLocale(QLocale.Language.Chinese if self.lang == "zh" else QLocale.Language.English,
                                   QLocale.Country.China if self.lang == "zh" else QLocale.Country.UnitedKingdom))
        return ok
