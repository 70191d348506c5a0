"""Which one language a command line speaks, decided the same way on both sides: the first choice that names a
language the system has words for, else the system locale's (LC_ALL, LC_MESSAGES, LANG), else Chinese. The
terminal's choices are --lang, TERMINAL_LANG and the home's setting; the centre's --lang and TERMINAL_SERVER_LANG."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

LANGUAGES = ("zh", "en")


def first_language(choices: Iterable[object], environ: Mapping[str, str] = os.environ) -> str:
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    for choice in (*choices, locale):
        if isinstance(choice, str) and choice[:2].lower() in LANGUAGES:
            return choice[:2].lower()
    return "zh"
