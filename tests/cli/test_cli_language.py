"""The command line speaks one language at a time, chosen as the app chooses: --lang, TERMINAL_LANG, the home's
saved language (the settings screen), the system locale, else Chinese."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.builders import UNLOCK_SECRET
from tests.cli.test_admin_cli import INIT, run

CJK = re.compile(r"[\u4e00-\u9fff]")
NO_LANG = {"TERMINAL_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


def _error_of(*args: str, env: dict[str, str]) -> str:
    result = run(*args, env={**NO_LANG, **env})
    assert result.returncode == 1 and result.stderr.strip(), result
    return result.stderr.strip()


def test_an_error_is_printed_in_one_language_chosen_like_the_apps(tmp_path: Path) -> None:
    missing = str(tmp_path / "nothing-here")
    chinese = _error_of("--home", missing, "operator", "list", env={})
    assert CJK.search(chinese) and not re.search(r"\b(not|has|been|run)\b", chinese)  # Chinese only by default
    english = _error_of("--home", missing, "operator", "list", env={"LANG": "en_GB.UTF-8"})  # the system locale
    assert not CJK.search(english) and "terminal init" in english
    assert _error_of("--lang", "en", "--home", missing, "operator", "list", env={"LANG": "zh_CN.UTF-8"}) == english
    assert _error_of("--home", missing, "operator", "list", env={"TERMINAL_LANG": "zh", "LANG": "en_GB"}) == chinese

    # The language saved in the home's settings wins over the locale, as in the app.
    home = tmp_path / "h"
    setup = {"TERMINAL_ADMIN_PASSWORD": "admin1234", "TERMINAL_UNLOCK_SECRET": UNLOCK_SECRET}
    assert run("--home", str(home), *INIT, env=setup).returncode == 0
    config = json.loads((home / "config.json").read_text(encoding="utf-8")) if (home / "config.json").exists() else {}
    (home / "config.json").write_text(json.dumps({**config, "language": "en"}), encoding="utf-8")
    saved = _error_of("--home", str(home), "operator", "list", env={"LANG": "zh_CN.UTF-8", **setup})
    assert not CJK.search(saved) and "TERMINAL_OPERATOR" in saved
    again = _error_of("--home", str(home), *INIT, env={"LANG": "zh_CN.UTF-8", **setup})
    assert not CJK.search(again)
