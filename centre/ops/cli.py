"""`terminal-server init` and `terminal-server key show|rotate` (registered in centre/cli.py).

terminal-server init [--db URL] [--admin NAME]   the first run: schema, keys, the first administrator
terminal-server key show|rotate [--db URL]       the centre's signing key: which it is; replace it (hand-over)

Passwords never come from the command line: CENTRE_STAFF_PASSWORD, else a prompt."""

from __future__ import annotations

import argparse

from centre import config
from centre.cli_language import say


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help="first run: create the schema, the centre's keys and the first administrator")
    init.add_argument("--admin", default="admin", metavar="NAME", help="the first administrator's user name")
    init.set_defaults(func=_init)

    key = sub.add_parser("key", help="the centre's signing key: show it, or rotate it (terminals follow a hand-over)")
    key.add_argument("action", choices=("show", "rotate"))
    key.set_defaults(func=_key)

    for cmd in (init, key):
        cmd.add_argument("--db", default=config.default_db_url(),
                         help="database URL (default: $TERMINAL_SERVER_DB or a SQLite file here)")  # fmt: skip


def _init(args: argparse.Namespace) -> int:
    from centre.ops.first_run import first_run, password_from_environment_or_prompt

    report = first_run(args.admin, lambda: password_from_environment_or_prompt(args.admin))
    print(say(f"数据库已是最新（{report.database}）", f"schema up to date ({report.database})"))
    print(say(f"中心签名密钥：{report.key_id}（{report.key_path}，在数据库之外）",
              f"centre signing key: {report.key_id} ({report.key_path}, outside the database)"))
    if report.admin_created:
        print(say(f"已创建首位管理员：{report.admin}（admin 组）", f"first administrator created: {report.admin} (group admin)"))
    else:
        print(say(f"已有管理员，未创建新用户：{report.admin}", f"an administrator exists already: {report.admin}"))
    return 0


def _key(args: argparse.Namespace) -> int:
    from centre.ops import key_rotation

    if args.action == "rotate":
        old, new = key_rotation.rotate()
        print(say(f"中心签名密钥已轮换：{old} → {new}", f"centre signing key rotated: {old} → {new}"))
        print(say("请重启所有中心进程，并重新签发未使用的注册码", "restart every centre process; reissue unused enrolment codes"))
    else:
        for line in key_rotation.describe():
            print(line)
    return 0
