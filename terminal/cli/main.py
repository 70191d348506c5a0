"""`terminal` entry point: global options, then one sub-command module per area.

Without a sub-command it starts the desktop app. Expected faults (TerminalError) print a message in
the command line's one language (terminal/cli/language.py) and exit 1; bad usage exits 2; anything else is a bug and shows a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from terminal.cli.language import choose_language
from terminal.core.errors import TerminalError

# Each module has register(subparsers) that adds its commands with set_defaults(func=...).
COMMAND_MODULES = (
    "terminal.cli.setup_cmds",
    "terminal.cli.admin_cmds",
    "terminal.cli.operator_cmds",
    "terminal.cli.reader_cmds",
    "terminal.cli.sync_cmds",
    "terminal.cli.print_cmds",
    "terminal.cli.credential_cmds",
    "terminal.cli.report_cmds",
    "terminal.cli.worker_cmds",
    "terminal.cli.contract_cmds",
    "terminal.cli.ecard_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="terminal",
        description="上门服务证登记终端 / Home-service credential registration terminal",
    )
    parser.add_argument(
        "--home",
        default=os.environ.get("TERMINAL_HOME"),
        help="data folder (default: TERMINAL_HOME, else the per-machine application data folder)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="language of messages")
    parser.add_argument("--demo", action="store_true", help="start the app on a demo home (virtual reader)")
    parser.add_argument("--self-test", action="store_true", help="check the installation without a screen")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="start the app, print 'ready' once the sign-in window shows, then quit (a start-up smoke test)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from terminal.logsetup import configure_cli_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    configure_cli_logging(args.verbose)
    lang = choose_language(args)
    func = getattr(args, "func", None)
    try:
        if func is None:
            return _start_app(args)
        result: int = func(args)
        return result
    except TerminalError as err:
        from terminal.core import messages

        messages.tell_error(err)
        print(err.message(lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _start_app(args: argparse.Namespace) -> int:
    if args.self_test:
        from terminal.selftest import run_self_test

        result: int = run_self_test()
        return result
    from terminal.ui.app import run_app

    code: int = run_app(home=args.home, demo=args.demo, lang=args.lang, exit_when_ready=args.exit_when_ready)
    return code
