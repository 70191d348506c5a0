"""`terminal enrol CODE --server URL`, `terminal sync now|status|receipt|recover [--json]`."""

from __future__ import annotations

import argparse
import datetime as dt

from terminal.cli.common import opened, print_json, signed_in
from terminal.cli.language import say
from terminal.sync.wiring import engine_for, enrol_terminal, status_of


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    e = sub.add_parser("enrol", help="enrol this terminal with the central server (one-time code)")
    e.add_argument("code", metavar="CODE", help="the one-time enrolment code from the centre")
    e.add_argument("--server", required=True, metavar="URL", help="the central server's address")
    e.set_defaults(func=cmd_enrol)

    s = sub.add_parser("sync", help="sync with the central server")
    s_sub = s.add_subparsers(dest="sync_command", required=True)
    for name, func, text in (
        ("now", cmd_now, "push queued events and pull the centre's decisions now"),
        ("status", cmd_status, "show sync state, queue counts, clock drift and the issuing gate"),
        ("receipt", cmd_receipt, "compare the events the server holds with this terminal's (count + hash)"),
        ("recover", cmd_recover, "after a rolled-back database: fetch this terminal's accepted events back from "
                                 "the centre and re-apply them (administrators)"),
    ):
        cmd = s_sub.add_parser(name, help=text)
        cmd.add_argument("--json", action="store_true")
        cmd.set_defaults(func=func)


def cmd_enrol(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        enrolment = enrol_terminal(db, args.code, args.server)
    print(say(f"注册成功：终端 {enrolment.terminal_id}，机构 {enrolment.agency_id}",
              f"enrolled: terminal {enrolment.terminal_id}, agency {enrolment.agency_id}"))
    return 0


def cmd_now(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        report = engine_for(db).sync_once()
    data = {"accepted": report.accepted, "duplicate": report.duplicate, "rejected": report.rejected,
            "rejected_codes": report.rejected_codes, "pulled": report.pulled}  # fmt: skip
    if args.json:
        print_json(data)
    else:
        print(say(f"已同步：上传 {report.pushed} 条（接受 {report.accepted}，重复 {report.duplicate}，拒绝 "
                  f"{report.rejected}）；下载 {report.pulled} 条",
                  f"synced: pushed {report.pushed} (accepted {report.accepted}, duplicate {report.duplicate}, "
                  f"rejected {report.rejected}); pulled {report.pulled}"))  # fmt: skip
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        data = status_of(db, dt.datetime.now(dt.UTC))
    if args.json:
        print_json(data)
        return 0
    drift = data["drift_seconds"]
    enrolled = say("是", "yes") if data["enrolled"] else say("否", "no")
    print(say("注册：", "enrolled: ") + f"{enrolled} {data['terminal_id'] or ''} {data['server_url'] or ''}".rstrip())
    print(say("队列：", "outbox: ") + str(data["outbox"]))
    print(say("上次上传：", "last push: ") + f"{data['last_push_at'] or '-'}   "
          + say("上次下载：", "last pull: ") + f"{data['last_pull_at'] or '-'}")  # fmt: skip
    print(say("时钟偏差：", "clock drift: ") + ("-" if drift is None else f"{drift:+.1f} s") + "   "
          + say("上次错误：", "last error: ") + f"{data['last_error'] or '-'}")  # fmt: skip
    limit = data["staleness_limit_days"]
    print(say(f"暂停发证（期限 {limit} 天）", f"issuing blocked (limit {limit} days)") if data["issuing_blocked"]
          else say(f"可发证（期限 {limit} 天）", f"issuing allowed (limit {limit} days)"))  # fmt: skip
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        reconciliation = engine_for(db).reconcile()
    if args.json:
        print_json(reconciliation.to_json())
    else:
        print(say("对账：一致", "receipt: matches") if reconciliation.matches
              else say("对账：不一致", "receipt: DOES NOT MATCH"))  # fmt: skip
        for side, total in ((say("本机", "local"), reconciliation.local), (say("中心", "centre"), reconciliation.server)):
            print(say(f"{side}：{total.count} 条记录，sha256 {total.sha256}", f"{side}: {total.count} events, sha256 {total.sha256}"))
    return 0 if reconciliation.matches else 1


def cmd_recover(args: argparse.Namespace) -> int:
    from terminal.usecases.recovery import recover_from_centre

    with signed_in(args) as (_home, db, actor):
        client = engine_for(db).client
        report = recover_from_centre(db, actor, client.my_events)
    if args.json:
        print_json(report.to_json())
        return 0
    before, after = report.local_seq_before, report.local_seq_after
    print(say(f"已从中心取回 {report.events_restored} 条记录（本机序号 {before} → {after}）",
              f"fetched back from the centre: {report.events_restored} events (local numbers {before} → {after})"))
    print(say("已恢复人员：", "workers re-applied: ") + str(report.workers_reapplied))
    for kind, count in sorted(report.not_reapplied.items()):
        print(say("须重新录入：", "to enter again: ") + f"{kind} × {count}")
    if report.never_delivered:
        print(say(f"未曾上传、无法取回：{report.never_delivered} 条（请用备份恢复或重新录入）",
                  f"never delivered, cannot be recovered: {report.never_delivered} (restore a backup or enter them "
                  "again)"))  # fmt: skip
    if report.audit_entries_lost:
        print(say(f"本机操作日志缺失 {report.audit_entries_lost} 条（已记入日志）",
                  f"audit entries lost: {report.audit_entries_lost} (recorded in the audit log)"))
    return 0
