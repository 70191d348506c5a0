"""The command line's one language: chosen once per run, then every printed line and error uses it."""

from __future__ import annotations

import argparse
import os

from terminal.store.home import Home

LANGUAGES = ("zh", "en")
_language = ["zh"]


def choose_language(args: argparse.Namespace) -> str:
    """The command line speaks one language, chosen as the app chooses: --lang, then TERMINAL_LANG, then the
    language saved in the home's settings (the settings screen writes it), then the system locale; Chinese
    when none names one."""
    home_choice: object = None
    try:
        home = Home.resolve(getattr(args, "home", None))
        home_choice = home.config().get("language") if home.root.exists() else None
    except (OSError, ValueError):  # an unreadable settings file must not hide the error being reported
        home_choice = None
    locale = next((os.environ[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(n)), "")
    for choice in (getattr(args, "lang", None), os.environ.get("TERMINAL_LANG"), home_choice, locale[:2]):
        if isinstance(choice, str) and choice[:2] in LANGUAGES:
            _language[0] = choice[:2]
            return choice[:2]
    _language[0] = "zh"
    return "zh"


def cli_lang() -> str:
    """The language `choose_language` chose for this run."""
    return _language[0]


def say(zh: str, en: str) -> str:
    """One language of a line the command line prints."""
    return zh if cli_lang() == "zh" else en
