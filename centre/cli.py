"""`terminal-server`: serve the centre and do the centre staff's chores from the command line.

terminal-server serve [--db URL] [--host H] [--port P] [--demo] [--stop-on-eof]
terminal-server enrol-code [--db URL]                 prints the code as its last word
terminal-server revoke CREDENTIAL_NO --reason TEXT [--db URL]
terminal-server suspend|resume CREDENTIAL_NO --reason TEXT [--db URL]
terminal-server check-result ID_NUMBER --result TEXT [--db URL]
terminal-server db upgrade|current [--db URL]

Django starts only after the arguments are read, with the database and mode they name.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence

from centre import config


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="terminal-server", description="上门服务证 centre (家政服务信息追溯系统)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the terminal API, the public pages and the console")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--demo", action="store_true", help="accept simulated identities (marked as demo)")
    serve.add_argument("--stop-on-eof", action="store_true",
                       help="stop when standard input closes (the process that started this one has gone)")
    serve.set_defaults(func=_serve)

    code = sub.add_parser("enrol-code", help="issue a one-time terminal enrolment code")
    code.set_defaults(func=_enrol_code)

    status_commands = []
    for name, status in (("revoke", "revoked"), ("suspend", "suspended"), ("resume", "valid")):
        cmd = sub.add_parser(name, help=f"mark a credential {status} and tell its agency")
        cmd.add_argument("credential_no", metavar="CREDENTIAL_NO")
        cmd.add_argument("--reason", required=True)
        cmd.set_defaults(func=_set_status, status=status)
        status_commands.append(cmd)

    check = sub.add_parser("check-result", help="post a background-check result for a person")
    check.add_argument("id_number", metavar="ID_NUMBER")
    check.add_argument("--result", required=True)
    check.set_defaults(func=_check_result)

    db = sub.add_parser("db", help="the database schema: upgrade it, or say which migrations it has")
    db.add_argument("action", choices=("upgrade", "current"))
    db.set_defaults(func=_db)

    for cmd in (serve, code, *status_commands, check, db):
        cmd.add_argument("--db", default=config.default_db_url(),
                         help="database URL: sqlite:///FILE or postgresql://… (default: $TERMINAL_SERVER_DB or a "
                              "SQLite file here)")  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _start_django(args.db, demo=getattr(args, "demo", False))
        from centre.errors import NewerSchema

        try:
            result: int = args.func(args)
        except NewerSchema as error:
            print(error.bilingual(), file=sys.stderr)
            return 3
    except config.ConfigurationError as error:
        print(f"配置错误 / configuration error: {error}", file=sys.stderr)
        return 2
    return result


def _start_django(db_url: str, demo: bool) -> None:
    config.database_settings(db_url)  # a bad URL is reported before Django starts
    config.ensure_secret_key()
    os.environ[config.ENV_DB_URL] = db_url
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from centre import schema_guard
    from centre.asgi import application

    schema_guard.migrate()
    server = uvicorn.Server(uvicorn.Config(application, host=args.host, port=args.port, log_level="warning",
                                           lifespan="off", access_log=False))  # fmt: skip
    if args.stop_on_eof:
        threading.Thread(target=_stop_on_eof, args=(server,), daemon=True, name="stop-on-eof").start()
    print(f"centre serving at http://{args.host}:{args.port}", flush=True)
    server.run()
    return 0


def _stop_on_eof(server: object) -> None:
    # The parent keeps our standard input open; when it dies, however it dies, the pipe closes.
    while sys.stdin.buffer.read(4096):
        pass
    server.should_exit = True  # type: ignore[attr-defined]


def _enrol_code(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.terminals.enrolment import new_enrolment_code

    schema_guard.migrate()
    print(f"一次性注册码 / one-time enrolment code: {new_enrolment_code()}")
    return 0


def _set_status(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.credentials.actions import set_credential_status
    from centre.errors import UnknownCredential

    schema_guard.migrate()
    try:
        decision = set_credential_status(args.credential_no, args.status, args.reason)
    except UnknownCredential:
        print(f"找不到证件 / unknown credential: {args.credential_no}", file=sys.stderr)
        return 1
    print(f"{args.credential_no}: {args.status} (feed #{decision.seq})")
    return 0


def _check_result(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.sync.feed import post_check_result

    schema_guard.migrate()
    print(f"background check posted (feed #{post_check_result(args.id_number, args.result).seq})")
    return 0


def _db(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    from centre import schema_guard

    if args.action == "upgrade":
        schema_guard.migrate()
        print("数据库已是最新 / database is up to date")
    else:
        schema_guard.check_not_newer()
        call_command("showmigrations", "terminals", "sync", "credentials")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
