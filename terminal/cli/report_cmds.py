"""`terminal report`: the agency's figures to Excel and PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from terminal.cli.common import signed_in
from terminal.reports.model import build_report


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = sub.add_parser("report", help="agency report: workers, credentials, expiries, training, complaints")
    r.add_argument("--from", dest="period_from", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: a year ago)")
    r.add_argument("--to", dest="period_to", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
    r.add_argument("--xlsx", type=Path)
    r.add_argument("--pdf", type=Path)
    r.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from terminal.reports.pdf import export_pdf
    from terminal.reports.xlsx import export_xlsx

    today = dt.date.today()
    end = args.period_to or today
    start = args.period_from or end - dt.timedelta(days=365)
    lang = args.lang or "zh"
    with signed_in(args) as (_home, db, actor):
        report = build_report(db, actor, today, start, end)
    if args.xlsx:
        export_xlsx(report, args.xlsx, lang)
    if args.pdf:
        export_pdf(report, args.pdf, lang)
    for section in report.sections:
        print(f"== {section.title(lang)}")
        for row in section.rows:
            print("   " + "\t".join(str(v) for v in row))
    return 0
