"""`terminal-server token add --role regulator | list | revoke KEY_ID`: the authority's API tokens;
`terminal-server credit grade-city`: grade every worker and agency (the yearly review, a new rule version);
`terminal-server credit rules load FILE`: a new version of the credit rules; `terminal-server analytics
rebuild`: the fact tables again from the records; `terminal-server analytics follow`: the installation's one
follower, keeping facts and grades up with the pushes (upkeep.py); `terminal-server demo-city …`: a synthetic city."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
import threading
from pathlib import Path

from centre import config
from centre.cli_language import say


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    token = sub.add_parser("token", help="API tokens for the competent authority (read-only)")
    token_sub = token.add_subparsers(dest="token_command", required=True, metavar="add|list|revoke")
    add = token_sub.add_parser("add", help="print a new read-only API token (shown once, kept hashed)")
    add.add_argument("--role", required=True, choices=("regulator",))
    add.add_argument("--label", default="", help="whose system it is for")
    add.set_defaults(func=_token_add)
    listing = token_sub.add_parser("list", help="list tokens (never the tokens themselves)")
    listing.set_defaults(func=_token_list)
    revoke = token_sub.add_parser("revoke", help="revoke a token by its key id")
    revoke.add_argument("key_id", metavar="KEY_ID")
    revoke.set_defaults(func=_token_revoke)

    credit = sub.add_parser("credit", help="credit evaluation: grade the whole city, or load a new rule version")
    credit_sub = credit.add_subparsers(dest="credit_command", required=True, metavar="grade-city|rules")
    grade = credit_sub.add_parser("grade-city", help="grade every worker and agency now (a batch)")
    grade.set_defaults(func=_grade_city)
    rules = credit_sub.add_parser("rules", help="load a new version of the credit rules from a JSON file")
    rules.add_argument("action", choices=("load",))
    rules.add_argument("file", type=Path, metavar="FILE")
    rules.add_argument("--note", default="")
    rules.set_defaults(func=_rules_load)

    analytics = sub.add_parser("analytics", help="the analytics fact tables: rebuild them from the records, catch "
                                                 "up once, or follow the pushes (a long-running process)")  # fmt: skip
    analytics.add_argument("action", choices=("rebuild", "catch-up", "follow"))
    analytics.add_argument("--poll-seconds", type=float, default=1.0, help="follow: how often to look for new rows")
    analytics.add_argument("--every-seconds", type=float, default=60.0,
                           help="follow: a pass at least this often (for the centre's own decisions)")  # fmt: skip
    analytics.add_argument("--stop-on-eof", action="store_true",
                           help="follow: stop when standard input closes (the process that started this one has gone)")  # fmt: skip
    analytics.set_defaults(func=_analytics)

    city = sub.add_parser("demo-city", help="fill the database with a synthetic Shanghai (deterministic per seed)")
    city.add_argument("--workers", type=int, default=2000)
    city.add_argument("--years", type=int, default=3)
    city.add_argument("--seed", type=int, default=1)
    city.add_argument("--until", type=dt.date.fromisoformat, default=None,
                      help="the city's last day (default: yesterday in Shanghai)")  # fmt: skip
    city.add_argument("--no-grades", action="store_true", help="load only; grade later with `credit grade-city`")
    city.set_defaults(func=_demo_city)
    for cmd in (add, listing, revoke, grade, rules, analytics, city):
        cmd.add_argument("--db", default=config.default_db_url(), help="database URL (as for serve)")


def _ready() -> None:
    from centre import schema_guard

    schema_guard.migrate()


def _token_add(args: argparse.Namespace) -> int:
    from centre.analytics.authority_tokens import issue

    _ready()
    print(issue(args.role, args.label))
    return 0


def _token_list(args: argparse.Namespace) -> int:
    from centre.analytics.models import AuthorityToken

    _ready()
    for t in AuthorityToken.objects.order_by("created_at"):
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        print(f"{t.key_id}\t{t.role}\t{state}\t{used}\t{t.label}")
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    from centre.analytics.authority_tokens import revoke

    _ready()
    if not revoke(args.key_id):
        print(say(f"没有这个有效令牌：{args.key_id}", f"no active token {args.key_id}"))
        return 1
    print(say("已吊销：", "revoked: ") + args.key_id)
    return 0


def _grade_city(args: argparse.Namespace) -> int:
    from centre.analytics.credit import grade_city
    from centre.analytics.facts import catch_up

    _ready()
    catch_up(max_rows=10**12)
    print(say("等级变化：", "grades changed: ") + str(grade_city()))
    return 0


def _rules_load(args: argparse.Namespace) -> int:
    from centre.analytics.credit import load_rules

    _ready()
    rules = load_rules(json.loads(args.file.read_text(encoding="utf-8")), "command line", args.note)
    print(say(f"规则版本 {rules.version} 已载入；运行 `terminal-server credit grade-city` 使其生效",
              f"rules version {rules.version} loaded; run `terminal-server credit grade-city` to apply it"))
    return 0


FOLLOWER_NICENESS = 19  # the bulk workers' default too (centre/bulk_process.py): the lowest, never starved


def _analytics(args: argparse.Namespace) -> int:
    from centre.analytics import facts

    if args.action == "follow":
        return _follow(args)
    _ready()
    touched = facts.rebuild() if args.action == "rebuild" else facts.catch_up(max_rows=10**12)
    workers, agencies = len(touched.workers), len(touched.agencies)
    print(say(f"已更新人员 {workers} 名、机构 {agencies} 家", f"workers touched: {workers}, agencies touched: {agencies}"))
    return 0


def _follow(args: argparse.Namespace) -> int:
    """Until SIGTERM or SIGINT (systemd, Ctrl-C) or, with --stop-on-eof, the end of standard input; a pass under
    way finishes first (each of its steps is a transaction, so even a kill -9 loses nothing)."""
    from centre.analytics.upkeep import FOLLOWING, Follower, check_schema

    check_schema()  # it follows a schema the deployment migrated (serve, or `db upgrade`); it never migrates
    # Analysis is background work: serving terminals, consumers and staff comes first whenever they want the
    # processor (on a two-core machine a pass running beside a push halved the push's speed).
    os.nice(FOLLOWER_NICENESS)
    from centre.db_niceness import yield_database_sessions

    yield_database_sessions(FOLLOWER_NICENESS)
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    if args.stop_on_eof:
        threading.Thread(target=_stop_on_eof, args=(stop,), daemon=True, name="stop-on-eof").start()
    print(say(*FOLLOWING), flush=True)
    Follower(poll_seconds=args.poll_seconds, every_seconds=args.every_seconds).run(stop)
    return 0


def _stop_on_eof(stop: threading.Event) -> None:
    while sys.stdin.buffer.read(4096):
        pass
    stop.set()


def _demo_city(args: argparse.Namespace) -> int:
    from centre.analytics.city_model import CityParams, city_until
    from centre.analytics.credit import today_in_shanghai
    from centre.analytics.demo_city import load_city
    from centre.analytics.errors import CreditRefused
    from wirecontract.errors import Text

    _ready()
    if args.workers < 1 or args.years < 1:
        raise CreditRefused(why=Text("人数和年数须为正数", "workers and years are positive"))
    params = CityParams(workers=args.workers, years=args.years, seed=args.seed, until=args.until or city_until(today_in_shanghai()))
    print(json.dumps(load_city(params, grade=not args.no_grades), ensure_ascii=False, indent=1))
    return 0
