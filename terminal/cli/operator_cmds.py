"""`terminal operator list|add|disable|enable|reset-password|passwd`: operator management at the command line.

Every command signs an operator in first (TERMINAL_OPERATOR / TERMINAL_OPERATOR_PASSWORD or a prompt) and the
use case checks that operator's role and writes the audit entry. New passwords come from
TERMINAL_NEW_PASSWORD or a prompt (twice), never from the command line."""

from __future__ import annotations

import argparse

from terminal.cli.common import print_json, secret_from_env_or_prompt, signed_in
from terminal.cli.language import cli_lang, say
from terminal.core.roles import Role
from terminal.usecases import operators

ENV_NEW_PASSWORD = "TERMINAL_NEW_PASSWORD"
_STAFF_ROLES = [r.value for r in Role if r is not Role.CENTRE]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    o = sub.add_parser("operator", help="operators: list, add, disable, enable, reset a password, change your own")
    o_sub = o.add_subparsers(dest="operator_command", required=True)
    lst = o_sub.add_parser("list", help="user name, name, role, active, locked until, last sign-in")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    add = o_sub.add_parser("add", help="add an operator (password from TERMINAL_NEW_PASSWORD or a prompt)")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the name shown in the app and the audit log")
    add.add_argument("--role", required=True, choices=_STAFF_ROLES)
    add.set_defaults(func=cmd_add)
    for name, active in (("disable", False), ("enable", True)):
        p = o_sub.add_parser(name, help=f"{name} an operator's sign-in")
        p.add_argument("username")
        p.set_defaults(func=cmd_set_active, active=active)
    reset = o_sub.add_parser("reset-password", help="set another operator's password (also lifts a lock-out)")
    reset.add_argument("username")
    reset.set_defaults(func=cmd_reset)
    passwd = o_sub.add_parser("passwd", help="change the signed-in operator's own password")
    passwd.set_defaults(func=cmd_passwd)


def _new_password() -> str:
    return secret_from_env_or_prompt(ENV_NEW_PASSWORD, say("新密码：", "new password: "))


def cmd_list(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        rows = operators.list_operators(db, actor)
    if args.json:
        print_json([{"username": o.username, "display_name": o.display_name, "role": o.role.value,
                     "active": o.active, "locked_until": o.locked_until, "last_login_at": o.last_login_at}
                    for o in rows])  # fmt: skip
    else:
        for o in rows:
            state = say("启用", "active") if o.active else say("停用", "disabled")
            print(f"{o.username}\t{o.display_name}\t{o.role.label(cli_lang())} {o.role.value}\t{state}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        operators.create_operator(db, actor, args.username, args.name, Role(args.role), _new_password())
    print(say("已添加：", "added: ") + f"{args.username.strip().lower()} ({args.role})")
    return 0


def cmd_set_active(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        operators.set_active(db, actor, args.username, args.active)
    print((say("已启用", "enabled") if args.active else say("已停用", "disabled")) + f": {args.username.strip().lower()}")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        operators.reset_password(db, actor, args.username, _new_password())
    print(say("密码已重置：", "password reset: ") + args.username.strip().lower())
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        # The sign-in just checked the current password: it is proven again inside change_password.
        current = secret_from_env_or_prompt("TERMINAL_OPERATOR_PASSWORD", say("当前密码：", "current password: "), confirm=False)
        operators.change_password(db, actor, current, _new_password())
    print(say("密码已修改", "password changed"))
    return 0
