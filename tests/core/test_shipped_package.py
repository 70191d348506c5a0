"""The shipped `terminal` package stands on its own: test support (a private pcscd, vpcd's virtual card, the
vendor stand-ins' card) lives in tests/support, and nothing the app installs imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import terminal

PACKAGE = Path(terminal.__file__).parent


def imported_modules(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_terminal_package_never_imports_test_support() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in imported_modules(path) if m.split(".")[0] == "tests")
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_test_only_modules_are_not_in_the_terminal_package() -> None:
    shipped = {p.name for p in (PACKAGE / "reader").glob("*.py")}
    assert not shipped & {"pcsc_stack.py", "vpcd.py", "sdt_standin.py"}
