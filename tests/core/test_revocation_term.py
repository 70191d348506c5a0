"""One term for a credential's revocation (注销 / revoke) on the terminal, the printed card, the verification and
electronic credential pages and the wire contract. 吊销 stays only for an issuing terminal's key (终端), which the
centre revokes; 撤销 only in "不可撤销" (cannot be undone)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    "terminal/**/*.py",
    "resources/translations/terminal_en.ts",
    "wirecontract/**/*.py",
    "centre/credentials/**/*.py",
    "centre/credentials/templates/**/*.html",
    "centre/public/**/*.py",
    "centre/public/static/*.js",
    "centre/public/templates/**/*.html",
    "centre/ecard/**/*.py",
    "centre/ecard/static/**/*.js",
    "centre/ecard/templates/**/*.html",
)
# A synonym used where 注销 is meant: 吊销 of anything but a terminal, 撤销 other than "cannot be undone", 撤回证件.
OLD_SYNONYM = re.compile(r"吊销|(?<!不可)撤销|撤回证件")


def _lines() -> list[tuple[str, int, str]]:
    found = []
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found.append((str(path.relative_to(ROOT)), number, line))
    return found


def test_credentials_are_revoked_with_one_word() -> None:
    lines = _lines()
    assert len(lines) > 1000  # the globs found the sources
    wrong = [
        f"{path}:{number}: {line.strip()}"
        for path, number, line in lines
        if "/migrations/" not in path
        and any(not segment_is_about_a_terminal(line, m.start()) for m in OLD_SYNONYM.finditer(line))
    ]
    assert not wrong, "use 注销 for a credential's revocation:\n" + "\n".join(wrong)


def segment_is_about_a_terminal(line: str, at: int) -> bool:
    """吊销 of an issuing terminal (its key) is a different act, named so in the console."""
    clause = re.split(r"[，。；,;\"“”]", line[:at])[-1]
    return line[at : at + 2] == "吊销" and "终端" in clause


def test_the_terminal_and_the_pages_say_注销() -> None:
    said = {path: line for path, _n, line in _lines() if "注销" in line}
    for where in ("centre/credentials/door.py", "centre/credentials/public_status.py", "wirecontract/qrpayload.py",
                  "terminal/ui/credential_actions.py", "resources/translations/terminal_en.ts"):  # fmt: skip
        assert where in said, f"{where} no longer names revocation 注销"
