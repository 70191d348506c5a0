"""`terminal credential list`, `terminal print card|sheet ... --pdf FILE`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from terminal.cli.common import print_json, signed_in
from terminal.cli.language import cli_lang, say
from terminal.core.lifecycle import State
from terminal.usecases import printing
from terminal.usecases.credential_batches import expire_due


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("credential", help="credential commands")
    c_sub = c.add_subparsers(dest="credential_command", required=True)
    lst = c_sub.add_parser("list", help="credential number, version, state, worker name")
    lst.add_argument("--state", choices=[s.value for s in State])
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    exp = c_sub.add_parser("expire-due", help="expire issued or suspended credentials whose validity has ended")
    exp.add_argument("--json", action="store_true")
    exp.set_defaults(func=cmd_expire_due)

    p = sub.add_parser("print", help="credential cards as PDF")
    p_sub = p.add_subparsers(dest="print_command", required=True)
    card = p_sub.add_parser("card", help="one card (front and back, ID-1) to a PDF")
    card.add_argument("credential_no")
    card.add_argument("--pdf", type=Path, required=True)
    card.set_defaults(func=cmd_card)
    sheet = p_sub.add_parser("sheet", help="A4 sheets of 10 cards with crop marks")
    sheet.add_argument("credential_nos", nargs="+")
    sheet.add_argument("--pdf", type=Path, required=True)
    sheet.set_defaults(func=cmd_sheet)


def cmd_list(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        rows = printing.credential_rows(db, actor, args.state)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['credential_no']}\tv{r['version']}\t{State(str(r['state'])).label(cli_lang())}\t{r['name']}")
    return 0


def cmd_expire_due(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        expired = expire_due(db, dt.date.today(), actor)
    if args.json:
        print_json(expired)
    else:
        print(say(f"已到期：{len(expired)}", f"expired: {len(expired)}") + "".join(f"\n{number}" for number in expired))
    return 0


def cmd_card(args: argparse.Namespace) -> int:
    from terminal.print.card import render_card_pdf

    with signed_in(args) as (_home, db, actor):
        card = printing.card_data(db, args.credential_no)
        render_card_pdf(card, args.pdf)
        printing.record_export(db, actor, [args.credential_no], str(args.pdf))
    print(f"{args.pdf}{' (DEMO)' if card.demo else ''}")
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    from terminal.print.sheet import render_sheet_pdf

    with signed_in(args) as (_home, db, actor):
        cards = [printing.card_data(db, no) for no in args.credential_nos]
        render_sheet_pdf(cards, args.pdf)
        printing.record_export(db, actor, list(args.credential_nos), str(args.pdf))
    print(f"{args.pdf}: {len(cards)} cards{' (DEMO)' if any(c.demo for c in cards) else ''}")
    return 0
