"""The operator's command line (`terminal-server`) speaks one language a run.

Chosen once, in `main`: `--lang`, then TERMINAL_SERVER_LANG (a service's unit file), then the system locale
(LC_ALL, LC_MESSAGES, LANG); Chinese when none names one. Every line the command prints for a person, and every
error it reports, is said through `say` or in `cli_lang()`. Tab-separated listings (`agency list`, `staff list`,
…) keep their machine codes (active, retired, …) in either language, for the scripts that read them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from wirecontract.language import first_language

ENV_LANG = "TERMINAL_SERVER_LANG"
_chosen = ["zh"]


def choose_language(requested: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """Decide the run's language (see the module's docstring) and remember it for `say`."""
    _chosen[0] = first_language((requested, environ.get(ENV_LANG)), environ)
    return _chosen[0]


def cli_lang() -> str:
    return _chosen[0]


def say(zh: str, en: str) -> str:
    """The half of a line in the run's language."""
    return zh if _chosen[0] == "zh" else en
