"""`terminal-server staff add|list|disable`: console accounts for IT. A password comes from CENTRE_STAFF_PASSWORD
or a prompt, never from the command line (it would sit in the shell history and the process list)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from centre import config
from centre.cli_language import say

ENV_STAFF_PASSWORD = "CENTRE_STAFF_PASSWORD"
ROLE_NAMES = ("admin", "staff", "police", "regulator")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="console accounts: add one, list them, disable one")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True, metavar="add|list|disable|reset-totp")
    add = staff_sub.add_parser("add", help=f"create a console account (password from ${ENV_STAFF_PASSWORD} or a prompt)")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", required=True, choices=ROLE_NAMES)
    add.add_argument("--name", default="", help="the person's name, as shown in the console")
    add.set_defaults(func=_add)
    listing = staff_sub.add_parser("list", help="list console accounts with their roles")
    listing.set_defaults(func=_list)
    disable = staff_sub.add_parser("disable", help="disable an account: it can no longer sign in, its sessions end")
    disable.add_argument("username", metavar="USERNAME")
    disable.set_defaults(func=_disable)
    reset = staff_sub.add_parser("reset-totp", help="remove an account's second factor (a lost authenticator); "
                                                    "it signs in with its password and may turn it on again")
    reset.add_argument("username", metavar="USERNAME")
    reset.set_defaults(func=_reset_totp)
    index = sub.add_parser("console-index", help="bring the console's look-up index up to date with every record "
                                                 "(after a bulk import; look-ups otherwise catch up as they go)")
    index.set_defaults(func=_index)
    for cmd in (add, listing, disable, reset, index):
        cmd.add_argument("--db", default=config.default_db_url(), help="database URL (as for serve)")


def _password() -> str:
    given = os.environ.get(ENV_STAFF_PASSWORD)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        from centre.console.errors import StaffAccountError
        from wirecontract.errors import Text

        raise StaffAccountError(why=Text(f"请用环境变量 {ENV_STAFF_PASSWORD} 或在终端中输入密码",
                                         f"give the password in {ENV_STAFF_PASSWORD} or type it at a terminal"))
    first = getpass.getpass(say("密码：", "password: "))
    if getpass.getpass(say("再输入一次：", "again: ")) != first:
        from centre.console.errors import StaffAccountError
        from wirecontract.errors import Text

        raise StaffAccountError(why=Text("两次输入的密码不同", "the two passwords differ"))
    return first


def _add(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.console.staff import add_staff

    schema_guard.migrate()
    user = add_staff(args.username, args.role, _password(), full_name=args.name)
    print(say("已创建：", "created: ") + f"{user.get_username()} ({args.role})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.console.staff import list_staff

    schema_guard.migrate()
    for row in list_staff():
        print("\t".join(row))
    return 0


def _disable(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.console.staff import disable_staff

    schema_guard.migrate()
    disable_staff(args.username)
    print(say("已停用：", "disabled: ") + args.username)
    return 0


def _index(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.console.search_index import catch_up

    schema_guard.migrate()
    total = 0
    while read := catch_up(max_rows=100_000):
        total += read
        print(say(f"已读取 {total} 条记录", f"{total} records read"), flush=True)
        if read < 100_000:
            break
    print(say(f"查询索引已是最新（读取 {total} 条记录）", f"the look-up index is up to date ({total} records read)"))
    return 0


def _reset_totp(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.console.staff import reset_second_factor

    schema_guard.migrate()
    removed = reset_second_factor(args.username)
    print(say(f"已移除 {args.username} 的双重验证（{removed} 个设备）",
              f"second factor removed for {args.username} ({removed} device(s))"))
    return 0
