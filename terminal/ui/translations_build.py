"""The English catalogue: build it, check it, add to it.

`python -m terminal.ui.translations_build` compiles resources/translations/*.ts to .qm with PySide6's lrelease
(the .qm files are build output, not committed; the set-up command runs this).
`python -m terminal.ui.translations_build --check` lists every string the UI code passes to tr() or
QCoreApplication.translate() that has no finished English translation, and entries whose %n/%1 markers differ
from their source; it exits 1 if there are any. The test suite runs the same check.

Strings are found by reading the code (ast), as lupdate does: `self.tr("…")` takes the enclosing class as its
context, `QCoreApplication.translate("context", "…")` names it; a third argument makes it a plural (%n). A
module's own shorthand `_t("…")` (history.py) means `QCoreApplication.translate(<module name>, "…")`."""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import PySide6

from terminal.ui.i18n import TRANSLATIONS

UI_FOLDER = Path(__file__).resolve().parent
ENGLISH = TRANSLATIONS / "terminal_en.ts"
_MARKERS = re.compile(r"%(?:n|\d)")


def lrelease_path() -> Path:
    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / "lrelease", folder / "lrelease.exe", folder / "Qt" / "bin" / "lrelease"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("PySide6's lrelease was not found; reinstall PySide6-Essentials")


def build(folder: Path = TRANSLATIONS) -> list[Path]:
    built: list[Path] = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        # Built beside it and swapped in whole: a program starting meanwhile (the test suite runs the Windows
        # build beside itself) reads the old file or the new one, never half of one.
        partial = qm.with_suffix(".qm.partial")
        subprocess.run([str(lrelease_path()), "-silent", str(ts), "-qm", str(partial)], check=True)
        partial.replace(qm)
        built.append(qm)
    return built


@dataclass(frozen=True)
class SourceString:
    context: str
    source: str
    plural: bool
    file: str
    line: int


class _Finder(ast.NodeVisitor):
    def __init__(self, file: str) -> None:
        self.file = file
        self.classes: list[str] = []
        self.found: list[SourceString] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        args = node.args
        if isinstance(func, ast.Attribute) and func.attr == "tr" and self.classes and args:
            if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                self._add(self.classes[-1], args[0].value, len(args) >= 3, node)
        elif isinstance(func, ast.Name) and func.id == "_t" and args:
            if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                self._add(Path(self.file).stem, args[0].value, False, node)
        elif isinstance(func, ast.Attribute) and func.attr == "translate" and len(args) >= 2:
            ctx, text = args[0], args[1]
            if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (ctx, text)):
                self._add(str(ctx.value), str(text.value), len(args) >= 4, node)  # type: ignore[attr-defined]
        self.generic_visit(node)

    def _add(self, context: str, source: str, plural: bool, node: ast.AST) -> None:
        self.found.append(SourceString(context, source, plural, self.file, getattr(node, "lineno", 0)))


def source_strings(folder: Path = UI_FOLDER) -> list[SourceString]:
    """Every translatable string in the UI code, in file order."""
    found: list[SourceString] = []
    for path in sorted(folder.glob("*.py")):
        finder = _Finder(path.name)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found.extend(finder.found)
    return found


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return []
    forms = translation.findall("numerusform")
    texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
    return texts if all(t.strip() for t in texts) else []


def catalogue(ts: Path = ENGLISH) -> dict[tuple[str, str], list[str]]:
    """(context, source) → its finished translations (one, or one per plural form); unfinished ones map to []."""
    entries: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(ts).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            entries[(name, message.findtext("source") or "")] = _translations(message)
    return entries


def problems(ts: Path = ENGLISH, folder: Path = UI_FOLDER) -> list[str]:
    """What keeps the English UI from being all English: missing or unfinished entries, markers that differ."""
    entries = catalogue(ts)
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    for s in source_strings(folder):
        key = (s.context, s.source)
        if key in seen:
            continue
        seen.add(key)
        texts = entries.get(key)
        if texts is None:
            found.append(f"{s.file}:{s.line} [{s.context}] no English entry: {s.source!r}")
        elif not texts:
            found.append(f"{s.file}:{s.line} [{s.context}] English not filled in: {s.source!r}")
        elif any(sorted(_MARKERS.findall(t)) != sorted(_MARKERS.findall(s.source)) for t in texts):
            found.append(f"{s.file}:{s.line} [{s.context}] markers differ from the source: {s.source!r}")
    return found


def _message_text(source: str, text: str, plural: bool) -> str:
    src, tr = escape(source), escape(text)
    if plural:
        forms = "".join(f"\n            <numerusform>{tr}</numerusform>" for _ in range(2))
        return (f'    <message numerus="yes">\n        <source>{src}</source>\n        <translation>{forms}\n'
                f"        </translation>\n    </message>\n")
    return f"    <message>\n        <source>{src}</source>\n        <translation>{tr}</translation>\n    </message>\n"


def add_entries(english: dict[tuple[str, str], str], ts: Path = ENGLISH) -> int:
    """Add finished entries for (context, source) pairs the catalogue lacks (a plural gets the text for both
    forms), as text inserted at the end of their context, so the rest of the file (which other people edit
    too) stays byte for byte. Returns how many were added."""
    text = ts.read_text(encoding="utf-8")
    plural = {(s.context, s.source) for s in source_strings() if s.plural}
    present = set(catalogue(ts))
    added = 0
    for (context, source), english_text in english.items():
        if (context, source) in present:
            continue
        block = _message_text(source, english_text, (context, source) in plural)
        opening = f"<context>\n    <name>{escape(context)}</name>\n"
        at = text.find(opening)
        if at < 0:
            end = text.rindex("</TS>")
            text = text[:end] + opening + block + "</context>\n" + text[end:]
        else:
            close = text.index("</context>", at)
            text = text[:close] + block + text[close:]
        present.add((context, source))
        added += 1
    ts.write_text(text, encoding="utf-8")
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m terminal.ui.translations_build")
    parser.add_argument("--check", action="store_true", help="list UI strings without a finished English entry")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    for qm in build():
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
