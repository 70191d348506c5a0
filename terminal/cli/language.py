"""The command line's one language: chosen once per run, then every printed line and error uses it."""

from __future__ import annotations

import argparse
import os

from terminal.store.home import Home
from wirecontract.language import first_language

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
    _language[0] = first_language((getattr(args, "lang", None), os.environ.get("TERMINAL_LANG"), home_choice))
    return _language[0]


def cli_lang() -> str:
    """The language `choose_language` chose for this run."""
    return _language[0]


def say(zh: str, en: str) -> str:
    """One language of a line the command line prints."""
    return zh if cli_lang() == "zh" else en
