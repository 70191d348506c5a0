"""`terminal-server`: serve the centre and do the centre staff's chores from the command line.

terminal-server serve [--db URL] [--host H] [--port P] [--demo] [--stop-on-eof]
terminal-server agency add CREDIT_CODE --name NAME [--district D] | agency list
terminal-server enrol-code --agency CREDIT_CODE [--hours 72]     prints the code as its last word
terminal-server terminal list | terminal revoke TERMINAL_ID --reason TEXT [--compromised]
terminal-server revoke|suspend|resume|return CREDENTIAL_NO --reason TEXT
terminal-server check-result ID_NUMBER --result clear|adverse|pending
terminal-server complaint ID_NUMBER --summary TEXT [--credential NO]
terminal-server release ID_NUMBER --reason TEXT          (离职/转出 once the person's credentials are revoked)
terminal-server db upgrade|current [--db URL]

Global option: --lang zh|en, the language of what it prints (else TERMINAL_SERVER_LANG, else the locale;
centre/cli_language.py). Django starts only after the arguments are read, with the database and mode they name.
"""

from __future__ import annotations

import argparse
import gc
import os
import socket
import sys
import threading
from collections.abc import Sequence

from centre import config
from centre.analytics.cli import register as register_analytics
from centre.audit.cli import register as register_audit
from centre.cli_language import choose_language, say
from centre.console.cli import register as register_console
from centre.ops.cli import register as register_ops


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="terminal-server", description="上门服务证 centre (家政服务信息追溯系统)")
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="language of messages (default: $TERMINAL_SERVER_LANG, else the locale, else zh)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the terminal API, the public pages and the console")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--demo", action="store_true", help="accept simulated identities (marked as demo)")
    serve.add_argument("--demo-city", action="store_true", help="with --demo: load a small synthetic city once")
    serve.add_argument("--stop-on-eof", action="store_true",
                       help="stop when standard input closes (the process that started this one has gone)")
    serve.set_defaults(func=_serve)

    agency = sub.add_parser("agency", help="agencies: add one, or list them")
    agency_sub = agency.add_subparsers(dest="agency_command", required=True, metavar="add|list")
    agency_add = agency_sub.add_parser("add", help="admit an agency (or correct its name)")
    agency_add.add_argument("credit_code", metavar="CREDIT_CODE")
    agency_add.add_argument("--name", required=True)
    agency_add.add_argument("--district", default="")
    agency_add.add_argument("--reason", default="由命令行登记并准入 / added and admitted from the command line")
    agency_add.set_defaults(func=_agency_add)
    agency_sub.add_parser("list", help="list agencies").set_defaults(func=_agency_list)

    code = sub.add_parser("enrol-code", help="issue a one-time terminal enrolment code for one agency")
    code.add_argument("--agency", required=True, metavar="CREDIT_CODE")
    code.add_argument("--hours", type=int, default=72, help="how long the code is valid (default 72)")
    code.add_argument("--create-agency", metavar="NAME", default=None,
                      help="admit the agency under this name first if the centre does not have it (the demo)")
    code.set_defaults(func=_enrol_code)

    terminal = sub.add_parser("terminal", help="enrolled terminals: list them, or revoke one")
    terminal_sub = terminal.add_subparsers(dest="terminal_command", required=True, metavar="list|revoke")
    terminal_sub.add_parser("list", help="list terminals").set_defaults(func=_terminal_list)
    terminal_revoke = terminal_sub.add_parser("revoke", help="retire a terminal, or void it as compromised")
    terminal_revoke.add_argument("terminal_id", metavar="TERMINAL_ID")
    terminal_revoke.add_argument("--reason", required=True)
    terminal_revoke.add_argument("--compromised", action="store_true",
                                 help="its key may be in other hands: every card it signed becomes invalid")
    terminal_revoke.set_defaults(func=_terminal_revoke)

    status_commands = []
    for name, status in (("revoke", "revoked"), ("suspend", "suspended"), ("resume", "valid"), ("return", "returned")):
        cmd = sub.add_parser(name, help=f"the centre's decision on a credential ({status}); its agency is told")
        cmd.add_argument("credential_no", metavar="CREDENTIAL_NO")
        cmd.add_argument("--reason", required=True)
        cmd.set_defaults(func=_set_status, status=status)
        status_commands.append(cmd)

    check = sub.add_parser("check-result", help="post a background-check result for a person")
    check.add_argument("id_number", metavar="ID_NUMBER")
    check.add_argument("--result", required=True, choices=("clear", "adverse", "pending"))
    check.set_defaults(func=_check_result)

    complaint = sub.add_parser("complaint", help="register a complaint and send it to the person's agency")
    complaint.add_argument("id_number", metavar="ID_NUMBER")
    complaint.add_argument("--summary", required=True)
    complaint.add_argument("--credential", default=None)
    complaint.set_defaults(func=_complaint)

    release = sub.add_parser("release", help="release a person from their agency (离职/转出)")
    release.add_argument("id_number", metavar="ID_NUMBER")
    release.add_argument("--reason", required=True)
    release.set_defaults(func=_release)

    register_console(sub)
    register_analytics(sub)  # token, credit, analytics, demo-city
    register_audit(sub)

    register_ops(sub)  # init, key show|rotate

    db = sub.add_parser("db", help="the database schema: upgrade it, or say which migrations it has")
    db.add_argument("action", choices=("upgrade", "current"))
    db.set_defaults(func=_db)

    for cmd in (serve, *agency_sub.choices.values(), code, *terminal_sub.choices.values(), *status_commands,
                check, complaint, release, db):
        cmd.add_argument("--db", default=config.default_db_url(),
                         help="database URL: sqlite:///FILE or postgresql://… (default: $TERMINAL_SERVER_DB or a "
                              "SQLite file here)")  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = choose_language(args.lang)
    try:
        _start_django(args.db, demo=getattr(args, "demo", False))
        from django.db import InterfaceError, OperationalError

        from centre.errors import DatabaseUnavailable, NewerSchema
        from wirecontract.errors import ExplainedError

        try:
            result: int = args.func(args)
        except NewerSchema as error:
            print(error.message(lang), file=sys.stderr)
            return 3
        except ExplainedError as error:
            print(error.message(lang), file=sys.stderr)
            return 1
        except (OperationalError, InterfaceError) as failure:
            # The database is not there, refuses us, or failed under us (disk full): the driver's first line says
            # which; exit code 1, so systemd starts the process again, as it should for a database that comes back.
            why = (str(failure).strip().splitlines() or [type(failure).__name__])[0]
            print(DatabaseUnavailable(database=config.shown_url(args.db), why=why).message(lang), file=sys.stderr)
            return 1
    except config.ConfigurationError as error:
        print(say("配置错误：", "configuration error: ") + error.message(lang), file=sys.stderr)
        return 2
    return result


def _start_django(db_url: str, demo: bool) -> None:
    config.database_settings(db_url)  # a bad URL is reported before Django starts
    config.ensure_secret_key()
    from centre.signing_key import ensure_signing_key

    ensure_signing_key()
    os.environ[config.ENV_DB_URL] = db_url
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from centre import schema_guard
    from centre.asgi import application, bulk_routes
    from centre.quick_exit import exit_now

    schema_guard.migrate()
    # The address is taken before anything else starts and before the banner says where the centre is: a port
    # another process holds is an error of ours (exit 1, systemd tries again), not uvicorn's exit code 3, which
    # here means a newer schema and stops systemd from restarting.
    listening = _listen(args.host, args.port)
    if args.demo:
        _demo_back_office_user()
        from centre.console.demo import seed as seed_console_demo

        seed_console_demo()  # staff accounts for each role and agencies with history
        if args.demo_city:
            from centre.analytics.demo_city import seed_demo_centre

            seed_demo_centre()  # a small synthetic city for the analysis pages (centre/analytics/demo_city.py)
    if not config.flag(config.ENV_BULK_LAZY):
        bulk_routes.start()
    from centre.analytics import upkeep

    # The installation's one analytics follower (centre/analytics/upkeep.py), unless the deployment runs its own.
    follower = upkeep.start_process() if upkeep.follower_wanted() else None
    server = uvicorn.Server(uvicorn.Config(application, host=args.host, port=args.port, log_level="warning",
                                           lifespan="off", access_log=False))  # fmt: skip
    if args.stop_on_eof:
        threading.Thread(target=_stop_on_eof, args=(server,), daemon=True, name="stop-on-eof").start()
    host, port = listening.getsockname()[:2]
    base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    print(say(f"中心服务中：{base} · 管理台 {base}/console/ · 后台 {base}/admin/ · API {base}/v1/docs · "
              f"信任列表 {base}/v1/trust-list",
              f"centre serving at {base} · console {base}/console/ · back office {base}/admin/ · API {base}/v1/docs · "
              f"trust list {base}/v1/trust-list"), flush=True)  # fmt: skip
    if args.demo:
        from centre.console.demo import accounts_line

        print(accounts_line(base), flush=True)
    # Everything loaded so far (Django, the URLs, dictionaries such as pinyin's) lives as long as the process: out
    # of the collector's sight, it is neither scanned on every full collection nor, at exit, for seconds.
    gc.freeze()
    try:
        server.run(sockets=[listening])
    finally:
        if follower is not None:
            upkeep.stop_process(follower)
        bulk_routes.shutdown()
    exit_now(0)


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on HOST:PORT (port 0: any free port), or AddressUnavailable saying why not."""
    from centre.errors import AddressUnavailable

    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        return socket.create_server(address, family=family, backlog=2048)  # uvicorn's default backlog
    except OSError as failure:
        # The system's words for it (the resolver's for an unknown host), without Python's restating of the address.
        why = os.strerror(failure.errno) if failure.errno and failure.errno > 0 else (failure.strerror or str(failure))
        raise AddressUnavailable(address=f"{host}:{port}", why=why) from failure


DEMO_ADMIN = ("admin", "demo1234")  # the demo's public password, as the terminal's demo operators have


def _demo_back_office_user() -> None:
    """A demo centre's back office opens with the demo password; a real centre's first administrator is made by
    the operator (never a known password)."""
    from django.contrib.auth import get_user_model

    users = get_user_model()
    if not users.objects.exists():
        users.objects.create_superuser(DEMO_ADMIN[0], "", DEMO_ADMIN[1])


def _stop_on_eof(server: object) -> None:
    # The parent keeps our standard input open; when it dies, however it dies, the pipe closes.
    while sys.stdin.buffer.read(4096):
        pass
    server.should_exit = True  # type: ignore[attr-defined]


def _ready() -> None:
    from centre import schema_guard

    schema_guard.migrate()


def _agency_add(args: argparse.Namespace) -> int:
    from centre.terminals.enrolment import add_agency

    _ready()
    agency = add_agency(args.credit_code, args.name, args.district)
    from centre.console.admission import admit_from_command_line

    admit_from_command_line(agency.id, args.reason)
    print(say("机构：", "agency: ") + f"{agency.id} {agency.name}")
    return 0


def _agency_list(args: argparse.Namespace) -> int:
    from centre.terminals.models import Agency

    _ready()
    for agency in Agency.objects.order_by("id"):
        active = agency.terminals.filter(revoked=False).count()
        print(f"{agency.id}\t{agency.name}\t{agency.district}\t" + say(f"{active} 台终端", f"{active} terminals"))
    return 0


def _enrol_code(args: argparse.Namespace) -> int:
    from centre.terminals.enrolment import add_agency, new_enrolment_code
    from centre.terminals.models import Agency

    _ready()
    if args.create_agency and not Agency.objects.filter(pk=args.agency.strip().upper()).exists():
        from centre.console.admission import admit_from_command_line

        admit_from_command_line(add_agency(args.agency, args.create_agency).id, "演示/测试 / the demo or a test")
    code = new_enrolment_code(args.agency, hours=args.hours)
    # The code is the last word in either language (scripts take it with `split()[-1]`).
    print(say(f"一次性注册码（{args.hours} 小时内有效）： {code}", f"one-time enrolment code (valid {args.hours} h): {code}"))
    return 0


def _terminal_list(args: argparse.Namespace) -> int:
    from centre.terminals.models import Terminal

    _ready()
    for t in Terminal.objects.select_related("agency").order_by("agency_id", "enrolled_at"):
        status = "compromised" if t.compromised else ("retired" if t.revoked else "active")
        print(f"{t.id}\t{t.agency_id}\t{t.terminal_number}\t{t.key_id}\t{status}\t{t.enrolled_at:%Y-%m-%d}\t{t.name}")
    return 0


def _terminal_revoke(args: argparse.Namespace) -> int:
    from centre.terminals.enrolment import revoke_terminal

    _ready()
    terminal = revoke_terminal(args.terminal_id, args.reason, args.compromised)
    print(f"{terminal.id}: " + (say("已标记为失陷", "compromised") if terminal.compromised
                                 else say("已停用", "retired")))  # fmt: skip
    return 0


def _set_status(args: argparse.Namespace) -> int:
    from centre.credentials.actions import set_credential_status

    _ready()
    decision = set_credential_status(args.credential_no, args.status, args.reason)
    print(f"{args.credential_no}: {args.status} " + say(f"（下发序号 {decision.seq}）", f"(feed #{decision.seq})"))
    return 0


def _check_result(args: argparse.Namespace) -> int:
    from centre.sync.feed import post_check_result

    _ready()
    seq = post_check_result(args.id_number, args.result).seq
    print(say(f"背景核查结果已下发（下发序号 {seq}）", f"background check posted (feed #{seq})"))
    return 0


def _complaint(args: argparse.Namespace) -> int:
    from centre.complaints.cli import register_from_command_line

    _ready()
    print(register_from_command_line(args.id_number, args.summary, args.credential))
    return 0


def _release(args: argparse.Namespace) -> int:
    from centre.sync.registry import release_person

    _ready()
    registration = release_person(args.id_number, args.reason)
    print(say(f"已从 {registration.agency_id} 解除登记", f"released from {registration.agency_id}"))
    return 0


def _db(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    from centre import schema_guard

    if args.action == "upgrade":
        schema_guard.migrate()
        print(say("数据库已是最新", "database is up to date"))
    else:
        schema_guard.check_not_newer()
        call_command("showmigrations")  # every installed app: the centre's own and Django's, auth, axes and otp
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
