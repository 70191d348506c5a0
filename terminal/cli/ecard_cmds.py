"""`terminal ecard activate CREDENTIAL_NO [--json]`: the electronic credential's activation link (one-time code,
signed by this terminal) for the worker's phone."""

from __future__ import annotations

import argparse

from terminal.cli.common import print_json, signed_in
from terminal.usecases import ecard


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    e = sub.add_parser("ecard", help="the electronic credential on the worker's phone")
    e_sub = e.add_subparsers(dest="ecard_command", required=True)
    act = e_sub.add_parser("activate", help="an activation link with a one-time code (voids the phone before it)")
    act.add_argument("credential_no")
    act.add_argument("--json", action="store_true")
    act.set_defaults(func=cmd_activate)


def cmd_activate(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        link = ecard.activation_link(db, actor, args.credential_no)
    if args.json:
        print_json({"credential_no": link.credential_no, "version": link.version, "url": link.url,
                    "code": link.code, "expires_at": link.expires_at.isoformat()})  # fmt: skip
    else:
        print(link.url)
        print(f"{link.credential_no}\tv{link.version}\t{link.code[:5]} {link.code[5:]}\t{link.expires_at.isoformat()}")
    return 0
