"""`terminal-server` chooses one language a run: --lang, then TERMINAL_SERVER_LANG, then the locale, else Chinese."""

from __future__ import annotations

import pytest

from centre.cli_language import choose_language, cli_lang, say


@pytest.mark.parametrize(
    ("requested", "environ", "chosen"),
    [
        (None, {}, "zh"),
        (None, {"LANG": "C.UTF-8"}, "zh"),  # a locale that names no language we speak
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),  # LC_ALL outranks LANG
        (None, {"LANG": "en_US.UTF-8", "TERMINAL_SERVER_LANG": "zh"}, "zh"),  # the service's setting outranks it
        ("en", {"TERMINAL_SERVER_LANG": "zh"}, "en"),  # and --lang outranks everything
        (None, {"TERMINAL_SERVER_LANG": "fr"}, "zh"),
    ],
)
def test_the_language_of_a_run(requested: str | None, environ: dict[str, str], chosen: str) -> None:
    try:
        assert choose_language(requested, environ) == chosen == cli_lang()
        assert say("中文", "English") == ("中文" if chosen == "zh" else "English")
    finally:
        choose_language("zh", {})
