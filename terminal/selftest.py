"""`terminal --self-test`: checks that an installation (the bundle or a source checkout) works, without a screen.

IT staff run it after installing, and the build scripts run it inside the freshly built bundle (also under
Wine), so it checks what a bundle can get wrong: Qt and its platform plugin, the shipped CJK font, the compiled
translations, the SQLCipher library, the PC/SC library, and the whole card path (PDF, QR, signature). Each check
prints one line; any failure makes the exit code non-zero. A stopped smart card service is only a warning: the
library loading is what the bundle controls.

Qt is imported inside the checks (not at module level) so that a broken Qt is reported as a failed check
instead of an import error.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from terminal.resources import is_bundled, resource_path

if TYPE_CHECKING:
    from PIL.Image import Image
    from PySide6.QtWidgets import QApplication

    from terminal.print.card import CardData
    from terminal.store.winacl import AclApi
    from wirecontract.signing import TerminalKey

FONT_FILE = "DroidSansFallbackFull.ttf"
QR_RENDER_DPI = 300
SELF_TEST_VERIFY_BASE = "https://verify.self-test.invalid"


class Status(enum.StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Outcome:
    status: Status
    detail: str


@dataclass(frozen=True)
class Workspace:
    """What the checks share: a private temporary folder and where the resources are."""

    temp: Path
    fonts: Path
    translations: Path


Check = Callable[[Workspace], Outcome]


def qt_application() -> QApplication:
    """The process's QApplication, created offscreen if none exists yet (the self-test needs no screen)."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "terminal", "--self-test"])
    assert isinstance(app, QApplication)
    return app


def check_qt(_: Workspace) -> Outcome:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QGuiApplication

    qt_application()
    return Outcome(Status.OK, f"PySide6 {pyside_version}, platform {QGuiApplication.platformName()}")


def check_font(ws: Workspace) -> Outcome:
    from PySide6.QtGui import QFontDatabase

    qt_application()
    path = ws.fonts / FONT_FILE
    if not path.is_file():
        return Outcome(Status.FAIL, f"{path} is missing")
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return Outcome(Status.FAIL, f"Qt could not load {path.name}")
    return Outcome(Status.OK, f"{path.name} -> {families[0]}")


def check_translations(ws: Workspace) -> Outcome:
    from PySide6.QtCore import QTranslator

    app = qt_application()
    catalogues = sorted(ws.translations.glob("*.qm"))
    uncompiled = [ts.name for ts in sorted(ws.translations.glob("*.ts")) if not ts.with_suffix(".qm").exists()]
    if uncompiled:
        return Outcome(Status.FAIL, f"not compiled: {', '.join(uncompiled)} (python -m terminal.ui.translations_build)")
    if not catalogues:
        return Outcome(Status.WARN, f"no translation catalogues in {ws.translations}: the UI is Chinese only")
    loaded = []
    for qm in catalogues:
        translator = QTranslator()
        if not translator.load(qm.stem, str(qm.parent)) or translator.isEmpty():
            return Outcome(Status.FAIL, f"{qm.name} does not load as a Qt translation catalogue")
        app.installTranslator(translator)
        app.removeTranslator(translator)
        loaded.append(qm.name)
    return Outcome(Status.OK, ", ".join(loaded))


def check_sqlcipher(ws: Workspace) -> Outcome:
    from sqlcipher3 import dbapi2 as sqlcipher

    from terminal.store.db import Database

    path = ws.temp / "self-test.db"
    key = os.urandom(32)
    db = Database.open(path, key)
    try:
        with db.transaction():
            db.execute("CREATE TABLE probe (value TEXT NOT NULL)")
            db.execute("INSERT INTO probe (value) VALUES (?)", ("上门服务证",))
        version = db.scalar("PRAGMA cipher_version")
    finally:
        db.close()
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        return Outcome(Status.FAIL, "the database file was written unencrypted")
    db = Database.open(path, key)
    try:
        value = db.scalar("SELECT value FROM probe")
    finally:
        db.close()
    if value != "上门服务证":
        return Outcome(Status.FAIL, f"read back {value!r} instead of what was written")
    return Outcome(Status.OK, f"SQLCipher {version}, SQLite {sqlcipher.sqlite_version}: encrypted, read back")


def check_key_protection(_: Workspace) -> Outcome:
    """The operating system's key protection wraps and unwraps a key (DPAPI on Windows): the key file of a
    real home depends on it. Elsewhere without a keyring the unlock secret and recovery key remain."""
    import secrets as random_bytes

    from terminal.store import osprotect

    found = osprotect.available()
    if found is None:
        return Outcome(Status.WARN, "no OS key store (no DPAPI, no keyring): unlock secret or recovery key needed")
    name, (wrap, unwrap) = found
    if name == "keyring":  # a round trip would leave an entry in the user's keyring
        return Outcome(Status.OK, "system keyring available")
    key = random_bytes.token_bytes(32)
    if unwrap(wrap(key)) != key:
        return Outcome(Status.FAIL, f"{name}: a wrapped key did not come back")
    return Outcome(Status.OK, f"{name}: key wrapped and unwrapped")


def check_data_folder(
    ws: Workspace, acl: AclApi | None = None, posix: bool | None = None, under_wine: bool | None = None
) -> Outcome:
    """A data folder made the way a home's is made is private: mode 0700 on POSIX; on Windows an access list
    that lets in only the user, Administrators and SYSTEM. The seams let the Windows path run anywhere."""
    from terminal.store import private, winacl

    posix = private.POSIX if posix is None else posix
    folder = ws.temp / "data-folder"
    api = acl if acl is not None else (None if posix else winacl.default_api())
    private.make_private_folder(folder, acl=api)
    if api is None:
        mode = folder.stat().st_mode & 0o777
        if mode != private.FOLDER_MODE:
            return Outcome(Status.FAIL, f"mode {mode:04o} instead of 0700")
        return Outcome(Status.OK, "mode 0700, files 0600")
    left = winacl.check(folder, api)
    if not left:
        return Outcome(Status.OK, "access list: the user, Administrators, SYSTEM only")
    if winacl.running_under_wine() if under_wine is None else under_wine:
        return Outcome(Status.WARN, "Wine keeps no access lists (checked on Windows only): " + "; ".join(left))
    return Outcome(Status.FAIL, "; ".join(left))


def check_pcsc(_: Workspace) -> Outcome:
    # Importing pyscard loads the PC/SC library (winscard.dll / libpcsclite): failing here fails the check.
    from terminal.core.errors import ReaderFault
    from terminal.reader.pcsc import establish_context, release_context

    try:
        context = establish_context()
    except ReaderFault as err:
        return Outcome(Status.WARN, f"library loaded; service not usable: {err.message('en')}")
    release_context(context)
    return Outcome(Status.OK, "library loaded, context established")


def check_vendor_reader(_: Workspace) -> Outcome:
    """The vendor-reader helpers (sdthelper32/64.exe) start and say their bitness. With TERMINAL_SDT_DLL set (the
    bundle build points it at the stand-in DLL and its virtual card; IT may point it at the vendor's DLL) a card
    is read through that DLL and its photo decoded with TERMINAL_SDT_DECODER."""
    from terminal.core.errors import ReaderFault
    from terminal.reader.sdt import (
        SDT_DECODER_ENV,
        SDT_DLL_ENV,
        SdtConfig,
        SdtHelper,
        SdtTransport,
        default_helper_dir,
        diagnose,
        helper_bits,
        running_under_wine,
    )

    helpers = default_helper_dir()
    started, warnings = [], []
    for bits in (64, 32):
        try:
            started.append(f"{helper_bits(helpers, bits)}-bit")
        except ReaderFault as fault:
            problem = f"sdthelper{bits}.exe: {fault.message('en')}"
            # A 64-bit Windows always runs 32-bit programs; only Wine without wine32 cannot (docs/install.md).
            # From source the helpers exist only after scripts/build-sdt, and run only where Wine is; a bundle for
            # another system than Windows ships none (vendor SDK DLLs are Windows programs).
            if not is_bundled() or not sys.platform.startswith("win") or (bits == 32 and running_under_wine()):
                warnings.append(problem)
            else:
                return Outcome(Status.FAIL, problem)
    dll = os.environ.get(SDT_DLL_ENV)
    if not dll:
        detail = f"helpers start ({', '.join(started) or 'none'}); no vendor DLL configured"
        return Outcome(Status.WARN if warnings else Status.OK, "; ".join([detail, *warnings]))
    decoder = os.environ.get(SDT_DECODER_ENV)
    config = SdtConfig(Path(dll), Path(decoder) if decoder else None, helper_dir=helpers)
    transport = SdtTransport(config, helper=SdtHelper(config))
    try:
        found = diagnose(transport, card_timeout=5.0)
    finally:
        transport.close()
    if found.fault is not None:
        return Outcome(Status.FAIL, f"{found.summary(bilingual=False)}: {found.fault.message('en')}")
    if found.card_read is None:
        return Outcome(Status.WARN, found.summary(bilingual=False))
    return Outcome(Status.OK, "; ".join([found.summary(bilingual=False), *warnings]))


def check_card(ws: Workspace) -> Outcome:
    """Render a card PDF, rasterise its front with QtPdf (pdftoppm does not exist on Windows), decode the QR."""
    import zxingcpp

    from terminal.print.card import render_card_pdf
    from wirecontract import qrpayload
    from wirecontract.signing import TerminalKey

    key = TerminalKey.generate()
    card = _self_test_card(key)
    pdf = ws.temp / "self-test-card.pdf"
    render_card_pdf(card, pdf)
    image = _render_first_page(pdf, QR_RENDER_DPI)
    texts = [code.text for code in zxingcpp.read_barcodes(image)]
    if not texts:
        return Outcome(Status.FAIL, f"no QR code found in the card rendered at {QR_RENDER_DPI} dpi")
    result = qrpayload.verify(texts[0], {key.key_id: key.public_raw}, today=card.issue_date, allow_demo=True)
    if not result.valid:
        return Outcome(Status.FAIL, f"the card's QR does not verify: {result.reason.value}")
    return Outcome(Status.OK, f"{pdf.stat().st_size} byte PDF, QR decoded and verified ({len(texts[0])} chars)")


def _self_test_card(key: TerminalKey) -> CardData:
    from terminal.print.card import CardData
    from wirecontract import qrpayload

    today = dt.date.today()
    claims = qrpayload.CredentialClaims(
        credential_no="SELFTEST-000001", version=1, name="自检样卡", masked_id_number="310101********0000",
        agency="自检机构", service_codes=("cleaning",), valid_from=today, valid_to=today + dt.timedelta(days=365),
        demo=True,
    )  # fmt: skip
    url = qrpayload.encode(claims, key, SELF_TEST_VERIFY_BASE)
    return CardData(
        credential_no=claims.credential_no, version=1, name=claims.name, masked_id_number=claims.masked_id_number,
        service_types=("保洁",), agency_name=claims.agency, agency_contact="021-00000000",
        valid_from=claims.valid_from, valid_to=claims.valid_to, issue_date=today, qr_url=url, demo=True,
    )  # fmt: skip


def _render_first_page(pdf: Path, dpi: int) -> Image:
    """The PDF's first page as a greyscale PIL image, rendered by QtPdf."""
    from PIL import Image as PilImage
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    qt_application()
    document = QPdfDocument()  # parentless and referenced until done: see docs on QtPdf in toolchain notes
    try:
        if document.load(str(pdf)) != QPdfDocument.Error.None_:
            raise OSError(f"QtPdf could not open {pdf.name}: {document.error()}")
        points = document.pagePointSize(0)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        page = document.render(0, size)
        if page.isNull():
            raise OSError(f"QtPdf rendered an empty image of {pdf.name}")
        # The page comes with a transparent background, which greyscale would turn black: put it on white.
        rendered = QImage(page.size(), QImage.Format.Format_Grayscale8)
        rendered.fill(QColor("white"))
        painter = QPainter(rendered)
        painter.drawImage(0, 0, page)
        painter.end()
        raw = bytes(rendered.constBits())
        return PilImage.frombuffer("L", (rendered.width(), rendered.height()), raw, "raw", "L",
                                rendered.bytesPerLine(), 1)  # fmt: skip
    finally:
        document.close()


DEFAULT_CHECKS: tuple[tuple[str, Check], ...] = (
    ("qt", check_qt),
    ("font", check_font),
    ("translations", check_translations),
    ("sqlcipher", check_sqlcipher),
    ("keys", check_key_protection),
    ("data folder", check_data_folder),
    ("pcsc", check_pcsc),
    ("vendor reader", check_vendor_reader),
    ("card", check_card),
)


def run_checks(checks: Sequence[tuple[str, Check]], ws: Workspace) -> list[tuple[str, Outcome, float]]:
    results = []
    for name, check in checks:
        started = time.perf_counter()
        try:
            outcome = check(ws)
        except Exception as exc:  # a self-test reports every failure instead of stopping at the first
            outcome = Outcome(Status.FAIL, f"{type(exc).__name__}: {exc}")
        results.append((name, outcome, time.perf_counter() - started))
    return results


def run_self_test(
    checks: Sequence[tuple[str, Check]] = DEFAULT_CHECKS,
    out: TextIO | None = None,
    resources: Path | None = None,
) -> int:
    """Run the checks, print a report, return 0 if none failed (warnings allowed), else 1."""
    out = out or sys.stdout
    if isinstance(out, io.TextIOWrapper):  # a console or pipe in a legacy code page must not crash the report
        out.reconfigure(errors="backslashreplace")
    fonts = (resources / "fonts") if resources else resource_path("fonts")
    translations = (resources / "translations") if resources else resource_path("translations")
    where = "bundle" if is_bundled() else "source"
    print(f"terminal self-test ({where}, Python {sys.version.split()[0]}, {sys.platform})", file=out)
    with tempfile.TemporaryDirectory(prefix="terminal-self-test-") as temp:
        results = run_checks(checks, Workspace(Path(temp), fonts, translations))
    for name, outcome, seconds in results:
        print(f"  [{outcome.status.value:4}] {name:13} {outcome.detail} ({seconds:.2f} s)", file=out)
    failed = [name for name, outcome, _ in results if outcome.status is Status.FAIL]
    print(f"self-test {'FAILED: ' + ', '.join(failed) if failed else 'passed'}", file=out)
    out.flush()
    return 1 if failed else 0
