"""Language and font: Chinese by default, English at run time through Qt's translation system.

Source strings in the code are Chinese; resources/translations/terminal_en.ts holds the English, built
to a .qm by `python -m terminal.ui.translations_build`. Qt's own texts (OK/Cancel, file dialogs, the
line edit's context menu) are English in Qt's source, so Chinese needs Qt's catalogue `qtbase_zh_CN`,
shipped with PySide6. Switching installs one of the two translators and removes the other; Qt then sends
every widget a LanguageChange event and each screen re-sets its texts (`retranslate`). The current
language is Qt's default locale, so Qt-free error messages follow it via `ui_lang()`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from terminal.resources import resource_root

log = logging.getLogger("terminal.ui.i18n")

RESOURCES = resource_root()
TRANSLATIONS = RESOURCES / "translations"
FONT_FILE = RESOURCES / "fonts" / "DroidSansFallbackFull.ttf"
LANGUAGES = ("zh", "en")
# Qt's own catalogue for each language whose words differ from Qt's English source.
QT_CATALOGUES = {"zh": "qtbase_zh_CN"}


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def use_qt_dialogs(app: QCoreApplication) -> None:
    """File and colour dialogs drawn by Qt rather than the OS, so they speak the operator's language (a
    native Windows dialog speaks the language of Windows)."""
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


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


# The translators installed in this process's application. Module-wide, not per switcher: there is one
# QApplication, and a translator left installed by an earlier switcher (a test's app) would still speak.
_installed: list[QTranslator] = []


class LanguageSwitcher:
    """Owns the installed translators; `switch(lang)` changes the whole UI, Qt's own texts included, at once."""

    def __init__(self, app: QCoreApplication, folder: Path = TRANSLATIONS, qt_folder: str | None = None) -> None:
        self._app = app
        self._folder = folder
        self._qt_folder = qt_folder if qt_folder is not None else qt_translations_folder()
        self.lang = "zh"
        use_qt_dialogs(app)

    def _load(self, name: str, folder: str) -> QTranslator | None:
        translator = QTranslator(self._app)
        return translator if translator.load(name, folder) else None

    def switch(self, lang: str) -> bool:
        """Returns False (and stays in Chinese) if the English catalogue was not built."""
        if lang not in LANGUAGES:
            lang = "zh"
        for old in _installed:
            self._app.removeTranslator(old)
        _installed.clear()
        ok = True
        if lang != "zh":
            translator = self._load(f"terminal_{lang}", str(self._folder))
            if translator is None:
                log.error("translation catalogue terminal_%s.qm is missing; run the translations build", lang)
                ok = False
            else:
                _installed.append(translator)
        self.lang = lang if ok else "zh"
        qt_catalogue = QT_CATALOGUES.get(self.lang)
        if qt_catalogue is not None:
            qt_translator = self._load(qt_catalogue, self._qt_folder)
            if qt_translator is None:
                log.error("Qt's own catalogue %s.qm is missing from %s", qt_catalogue, self._qt_folder)
            else:
                _installed.append(qt_translator)
        for translator in _installed:
            self._app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese if self.lang == "zh" else QLocale.Language.English,
                                   QLocale.Country.China if self.lang == "zh" else QLocale.Country.UnitedKingdom))
        return ok
