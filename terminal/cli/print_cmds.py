"""`terminal verify TEXT`: check a scanned credential QR against the known terminal keys."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from terminal.cli.language import cli_lang, say
from terminal.print.keys import known_terminal_keys
from wirecontract import qrpayload


def register(subparsers: Any) -> None:
    verify = subparsers.add_parser(
        "verify", help="检查证件二维码 / verify a credential QR code's text",
    )  # fmt: skip
    verify.add_argument("text", help="what the scanner read from the QR code (the whole URL)")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument("--key-file", type=Path, help='JSON map {"key id": "base64 public key"}')
    verify.add_argument("--allow-demo", action="store_true", help="accept demo credentials (demo homes)")
    verify.set_defaults(func=run_verify)


def _local_knowledge(args: argparse.Namespace) -> tuple[dict[str, bytes], list[tuple[str, int] | str], bool]:
    """On a terminal with a home: its own key, the versions it knows are void, and whether it is a demo."""
    from terminal.core.errors import TerminalError
    from terminal.store.home import Home
    from terminal.usecases import printing

    home = Home.resolve(args.home)
    if not home.exists():
        return {}, [], False
    try:
        db = home.open()
    except TerminalError:
        return {}, [], False
    try:
        return printing.known_keys(db), printing.void_versions(db), printing.is_demo(db)
    finally:
        db.close()


def run_verify(args: argparse.Namespace) -> int:
    store_keys, void, demo_home = _local_knowledge(args)
    keys = known_terminal_keys(store_keys=store_keys, key_file=args.key_file)
    result = qrpayload.verify(args.text, keys, revoked=void, allow_demo=args.allow_demo or demo_home)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        verdict = say("有效", "VALID") if result.valid else say("无效", "NOT VALID")
        print(verdict + say("：", ": ") + result.reason.explain(cli_lang()))
        data = result.to_json()
        for key in ("credential_no", "version", "name", "agency", "valid_to", "terminal_id", "demo"):
            if data[key] is not None:
                print(f"  {key}: {data[key]}")
    return 0 if result.valid else 1
