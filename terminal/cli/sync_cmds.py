"""`terminal enrol CODE --server URL`, `terminal sync now|status|receipt|recover [--json]`."""

from __future__ import annotations

import argparse
import datetime as dt

from terminal.cli.common import opened, print_json, signed_in
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
    print(f"注册成功 / enrolled: terminal {enrolment.terminal_id}, agency {enrolment.agency_id}")
    return 0


def cmd_now(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        report = engine_for(db).sync_once()
    data = {"accepted": report.accepted, "duplicate": report.duplicate, "rejected": report.rejected,
            "rejected_codes": report.rejected_codes, "pulled": report.pulled}  # fmt: skip
    if args.json:
        print_json(data)
    else:
        print(f"已同步 / synced: 上传 pushed {report.pushed} (接受 accepted {report.accepted}, 重复 duplicate "
              f"{report.duplicate}, 拒绝 rejected {report.rejected}); 下载 pulled {report.pulled}")  # fmt: skip
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        data = status_of(db, dt.datetime.now(dt.UTC))
    if args.json:
        print_json(data)
        return 0
    drift = data["drift_seconds"]
    print(
        f"注册 / enrolled: {'是 yes' if data['enrolled'] else '否 no'} {data['terminal_id'] or ''} {data['server_url'] or ''}"
    )
    print(f"队列 / outbox: {data['outbox']}")
    print(f"上次上传 / last push: {data['last_push_at'] or '-'}   上次下载 / last pull: {data['last_pull_at'] or '-'}")
    print(f"时钟偏差 / clock drift: {'-' if drift is None else f'{drift:+.1f} s'}   上次错误 / last error: "
          f"{data['last_error'] or '-'}")  # fmt: skip
    gate = "暂停发证 / issuing blocked" if data["issuing_blocked"] else "可发证 / issuing allowed"
    print(f"{gate} (limit {data['staleness_limit_days']} days)")
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    with opened(args) as (_home, db):
        reconciliation = engine_for(db).reconcile()
    if args.json:
        print_json(reconciliation.to_json())
    else:
        verdict = "一致 / matches" if reconciliation.matches else "不一致 / DOES NOT MATCH"
        print(f"对账 / receipt: {verdict}")
        print(f"本机 / local:  {reconciliation.local.count} events, sha256 {reconciliation.local.sha256}")
        print(f"中心 / server: {reconciliation.server.count} events, sha256 {reconciliation.server.sha256}")
    return 0 if reconciliation.matches else 1


def cmd_recover(args: argparse.Namespace) -> int:
    from terminal.usecases.recovery import recover_from_centre

    with signed_in(args) as (_home, db, actor):
        client = engine_for(db).client
        report = recover_from_centre(db, actor, client.my_events)
    if args.json:
        print_json(report.to_json())
        return 0
    print(f"已从中心取回 / fetched back from the centre: {report.events_restored} 条记录 events "
          f"(本机序号 local numbers {report.local_seq_before} → {report.local_seq_after})")
    print(f"已恢复人员 / workers re-applied: {report.workers_reapplied}")
    for kind, count in sorted(report.not_reapplied.items()):
        print(f"须重新录入 / to enter again: {kind} × {count}")
    if report.never_delivered:
        print(f"未曾上传、无法取回 / never delivered, cannot be recovered: {report.never_delivered} "
              "（请用备份恢复或重新录入 / restore a backup or enter them again）")
    if report.audit_entries_lost:
        print(f"本机操作日志缺失 / audit entries lost: {report.audit_entries_lost}（已记入日志 / recorded in the audit log）")
    return 0
