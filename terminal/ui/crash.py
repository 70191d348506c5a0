"""Crash handling: an unexpected exception opens a crash dialog and writes a report to home/crash/.

The report holds the exception type and the stack (files, lines, functions) but never the exception's
message or local variables, which may contain personal data. Reports are offered at the next start."""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from terminal.ui.feedback import show_dialog

log = logging.getLogger("terminal.ui.crash")

NEW_SUFFIX = ".txt"
OFFERED_SUFFIX = ".offered"
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def write_report(folder: Path, exc_type: type[BaseException], tb: TracebackType | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now().astimezone()
    frames = traceback.extract_tb(tb)
    lines = [
        f"time: {now.isoformat(timespec='seconds')}",
        f"error: {exc_type.__module__}.{exc_type.__qualname__}",
        f"python: {platform.python_version()}  qt: {pyside_version}  os: {platform.platform()}",
        "stack (most recent call last):",
        *(f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames),
    ]
    path = folder / f"crash-{now:%Y%m%d-%H%M%S-%f}{NEW_SUFFIX}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pending_reports(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"crash-*{NEW_SUFFIX}")) if folder.exists() else []


def mark_offered(reports: list[Path]) -> None:
    for report in reports:
        report.rename(report.with_suffix(OFFERED_SUFFIX))


class CrashHandler:
    """Installed as sys.excepthook while the app runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._previous: ExceptHook | None = None
        self.last_report: Path | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        self.last_report = write_report(self.folder, exc_type, tb)
        log.critical("unexpected %s; crash report %s", exc_type.__qualname__, self.last_report.name)
        if QApplication.instance() is not None:
            self._show(self.last_report)

    @staticmethod
    def _show(report: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("crash", "程序出现意外错误"),
                          QCoreApplication.translate("crash", "程序出现意外错误，已保存错误报告（不含个人信息）：\n{0}\n"
                                      "请把该文件发给技术支持。已保存的数据不受影响。").format(report))  # fmt: skip
        box.setObjectName("crashDialog")
        show_dialog(box)


def offer_reports(folder: Path) -> list[Path]:
    """At start: tell the operator about reports from earlier crashes, once each."""
    reports = pending_reports(folder)
    if reports:
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("crash", "上次运行的错误报告"),
                          QCoreApplication.translate("crash", "上次运行时程序出错，错误报告保存在：\n{0}\n请发给技术支持。").format(folder))
        box.setObjectName("crashReportsOffer")
        show_dialog(box)
        mark_offered(reports)
    return reports
