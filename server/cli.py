"""`terminal-server`: run the reference central server and do the centre staff's chores.

terminal-server serve [--db URL] [--host H] [--port P] [--demo]
terminal-server enrol-code [--db URL]                 prints the code as its last word
terminal-server revoke CREDENTIAL_NO --reason TEXT [--db URL]
terminal-server suspend|resume CREDENTIAL_NO --reason TEXT [--db URL]
terminal-server check-result ID_NUMBER --result TEXT [--db URL]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from server import admin
from server.db import default_db_url, make_engine, make_sessions


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="terminal-server", description="上门服务证 reference central server")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the sync API and the public verification page")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--demo", action="store_true", help="accept simulated identities (marked as demo)")
    serve.set_defaults(func=_serve)

    code = sub.add_parser("enrol-code", help="issue a one-time terminal enrolment code")
    code.set_defaults(func=_enrol_code)

    for name, status in (("revoke", "revoked"), ("suspend", "suspended"), ("resume", "valid")):
        cmd = sub.add_parser(name, help=f"mark a credential {status} and tell its agency")
        cmd.add_argument("credential_no", metavar="CREDENTIAL_NO")
        cmd.add_argument("--reason", required=True)
        cmd.set_defaults(func=_set_status, status=status)

    check = sub.add_parser("check-result", help="post a background-check result for a person")
    check.add_argument("id_number", metavar="ID_NUMBER")
    check.add_argument("--result", required=True)
    check.set_defaults(func=_check_result)

    for cmd in (serve, code, *[sub.choices[n] for n in ("revoke", "suspend", "resume")], check):
        cmd.add_argument("--db", default=default_db_url(), help="SQLAlchemy URL (default: sqlite file)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app

    uvicorn.run(create_app(args.db, demo=args.demo), host=args.host, port=args.port, log_level="warning")
    return 0


def _enrol_code(args: argparse.Namespace) -> int:
    with make_sessions(make_engine(args.db)).begin() as session:
        code = admin.new_enrolment_code(session)
    print(f"一次性注册码 / one-time enrolment code: {code}")
    return 0


def _set_status(args: argparse.Namespace) -> int:
    try:
        with make_sessions(make_engine(args.db)).begin() as session:
            decision = admin.set_credential_status(session, args.credential_no, args.status, args.reason)
            seq = decision.seq
    except admin.UnknownCredential:
        print(f"找不到证件 / unknown credential: {args.credential_no}", file=sys.stderr)
        return 1
    print(f"{args.credential_no}: {args.status} (feed #{seq})")
    return 0


def _check_result(args: argparse.Namespace) -> int:
    with make_sessions(make_engine(args.db)).begin() as session:
        seq = admin.post_check_result(session, args.id_number, args.result).seq
    print(f"background check posted (feed #{seq})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
