"""`terminal backup`, `terminal restore`, `terminal audit verify`, `terminal doctor`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from terminal.cli.common import home_of, opened, print_json, secret_from_env_or_prompt
from terminal.cli.language import say
from terminal.store import audit, backup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser("backup", help="write one encrypted backup file")
    b.add_argument("file", type=Path)
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help="restore a backup into an empty data folder (asks for the recovery key)")
    r.add_argument("file", type=Path)
    r.set_defaults(func=cmd_restore)

    a = sub.add_parser("audit", help="audit log commands")
    a_sub = a.add_subparsers(dest="audit_command", required=True)
    v = a_sub.add_parser("verify", help="walk the hash chain and name the first broken entry")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_audit_verify)

    d = sub.add_parser("doctor", help="check database, key, readers, printers, server and disk")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_doctor)


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args) as (home, db):
        header = backup.create_backup(home, db, args.file.resolve())
    print(say(f"备份完成：{args.file}（{header['size']} 字节，结构版本 {header['schema_version']}）",
              f"backup written: {args.file} ({header['size']} bytes, schema {header['schema_version']})"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    home = home_of(args)
    header, _ = backup.read_backup(args.file)
    recovery = None
    if not header.get("demo"):
        recovery = secret_from_env_or_prompt("TERMINAL_RECOVERY_KEY", say("恢复密钥：", "recovery key: "), confirm=False)
    db = backup.restore_backup(args.file, home, recovery, os.environ.get("TERMINAL_UNLOCK_SECRET") or None)
    db.close()
    print(say(f"已恢复到：{home.root}", f"restored into: {home.root}"))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        report = audit.verify(db)
    if args.json:
        print_json({"ok": report.ok, "entries": report.entries, "first_broken_seq": report.first_broken_seq,
                    "problem": report.problem})  # fmt: skip
    elif report.ok:
        print(say(f"审计日志完好：{report.entries} 条", f"audit chain intact: {report.entries} entries"))
    else:
        print(say(f"审计日志在第 {report.first_broken_seq} 条断开：{report.problem}",
                  f"audit chain broken at entry {report.first_broken_seq}: {report.problem}"))
    return 0 if report.ok else 1


def cmd_doctor(args: argparse.Namespace) -> int:
    from terminal.doctor import render, run_checks

    results = run_checks(home_of(args))
    if args.json:
        print_json([r.as_dict() for r in results])
    else:
        print(render(results))
    return 0 if all(r.ok for r in results) else 1
