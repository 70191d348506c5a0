"""`terminal init`, `terminal demo init`, `terminal version`."""

from __future__ import annotations

import argparse
import os
import sys

from terminal import __version__
from terminal.cli.common import home_of, print_json, secret_from_env_or_prompt
from terminal.cli.language import say
from terminal.store.migrations import LATEST
from terminal.usecases import setup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="first-time set-up: agency, first administrator, recovery key")
    p.add_argument("--agency-name", required=True)
    p.add_argument("--credit-code", required=True, help="统一社会信用代码 (18 characters)")
    p.add_argument("--licence-kind", choices=("business_licence", "civil_non_enterprise"), default="business_licence")
    p.add_argument("--licence-no", required=True)
    p.add_argument("--legal-representative", required=True)
    p.add_argument("--address", required=True)
    p.add_argument("--phone", default="")
    p.add_argument("--admin", default="admin", help="first administrator's user name")
    p.add_argument("--admin-name", default="管理员")
    p.set_defaults(func=cmd_init)

    demo = sub.add_parser("demo", help="demo home commands")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    d = demo_sub.add_parser("init", help="create a demo home with sample workers")
    d.add_argument("--workers", type=int, default=200)
    d.set_defaults(func=cmd_demo_init)

    v = sub.add_parser("version", help="program and schema versions")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_version)


def cmd_init(args: argparse.Namespace) -> int:
    home = home_of(args)
    agency = setup.AgencyInput(
        name=args.agency_name, credit_code=args.credit_code, licence_kind=args.licence_kind,
        licence_no=args.licence_no, legal_representative=args.legal_representative, address=args.address,
        phone=args.phone,
    )  # fmt: skip
    password = secret_from_env_or_prompt("TERMINAL_ADMIN_PASSWORD", say("管理员密码：", "administrator password: "))
    unlock_secret = os.environ.get("TERMINAL_UNLOCK_SECRET") or None
    recovery = setup.init_home(home, agency, args.admin, args.admin_name, password, unlock_secret=unlock_secret)
    print(say(f"已初始化：{home.root}", f"initialised: {home.root}"))
    print(say("恢复密钥（仅显示一次，请抄写并离线保管）：", "Recovery key (shown once; write it down, keep it offline):"))
    print(recovery)
    return 0


def cmd_demo_init(args: argparse.Namespace) -> int:
    from terminal.usecases.demo import fill_demo

    home = home_of(args)
    if args.workers < 0:
        print("--workers must be 0 or more", file=sys.stderr)
        return 2

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and (done % 50 == 0 or done == total):
            print(f"\r{done}/{total}", end="", file=sys.stderr)

    setup.init_demo_home(home, lambda db: fill_demo(db, args.workers, progress=progress))
    print(say(f"DEMO 演示数据已创建：{home.root}（{args.workers} 名人员）", f"DEMO home created: {home.root} ({args.workers} workers)"))
    print(say("演示账号：admin, zhuguan, dengji, peixun — 密码：demo1234",
              "demo operators: admin, zhuguan, dengji, peixun — password: demo1234"))
    return 0


def cmd_version(args: argparse.Namespace) -> int:
    info = {"version": __version__, "schema": LATEST, "python": sys.version.split()[0]}
    if args.json:
        print_json(info)
    else:
        print(f"terminal {__version__} (schema {LATEST}, Python {info['python']})")
    return 0
