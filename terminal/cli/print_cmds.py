"""`terminal verify TEXT`: check a scanned credential QR against the known terminal keys."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from terminal.print import qrpayload
from terminal.print.keys import known_terminal_keys


def register(subparsers: Any) -> None:
    verify = subparsers.add_parser(
        "verify", help="检查证件二维码 / verify a credential QR code's text",
    )  # fmt: skip
    verify.add_argument("text", help="what the scanner read from the QR code (the whole URL)")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument("--key-file", type=Path, help='JSON map {"key id": "base64 public key"}')
    verify.add_argument("--allow-demo", action="store_true", help="accept demo credentials (demo homes)")
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    keys = known_terminal_keys(key_file=args.key_file)
    result = qrpayload.verify(args.text, keys, allow_demo=args.allow_demo)
    lang = args.lang or os.environ.get("TERMINAL_LANG", "zh")
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(("有效 / VALID" if result.valid else "无效 / NOT VALID") + f": {result.reason.explain(lang)}")
        data = result.to_json()
        for key in ("credential_no", "version", "name", "agency", "valid_to", "terminal_id", "demo"):
            if data[key] is not None:
                print(f"  {key}: {data[key]}")
    return 0 if result.valid else 1
