"""`terminal contract list [--json]`, `terminal contract slip CONTRACT_NO --pdf FILE` (the client's evaluation slip)."""

from __future__ import annotations

import argparse
from pathlib import Path

from terminal.cli.common import print_json, signed_in
from terminal.usecases import contracts


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("contract", help="service contracts and their evaluation slips")
    c_sub = c.add_subparsers(dest="contract_command", required=True)
    lst = c_sub.add_parser("list", help="contract number, worker (masked), service type, period, client rating")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    slip = c_sub.add_parser("slip", help="the contract's evaluation slip (code and QR) as a PDF")
    slip.add_argument("contract_no", help="the contract number, or its first 8 or more characters")
    slip.add_argument("--pdf", type=Path, required=True)
    slip.set_defaults(func=cmd_slip)


def cmd_list(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        rows = contracts.list_contracts(db, actor)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            rating = "-" if r["client_rating"] is None else f"{r['client_rating']:.1f}"
            print(
                f"{r['contract_no']}\t{r['worker']}\t{r['service_type']}\t{r['period_from']}..{r['period_to']}\t{rating}"
            )
    return 0


def cmd_slip(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        item = contracts.slip(db, actor, args.contract_no)
    contracts.slip_pdf(item, args.pdf)
    print(f"{args.pdf}\t{item.code}\t{item.url}")
    return 0
