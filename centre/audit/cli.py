"""`terminal-server audit verify|list`: check the audit chain, or read its latest entries."""

from __future__ import annotations

import argparse

from centre import config
from centre.cli_language import say


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="the audit log: verify its hash chain, or list its latest entries")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="verify|list")
    verify = audit_sub.add_parser("verify", help="check that no entry was altered, removed or inserted")
    verify.set_defaults(func=_verify)
    listing = audit_sub.add_parser("list", help="the latest entries, newest first")
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(func=_list)
    for cmd in (verify, listing):
        cmd.add_argument("--db", default=config.default_db_url(), help="database URL (as for serve)")


def _verify(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.audit.chain import verify

    schema_guard.migrate()
    result = verify()  # AuditChainBroken is an ExplainedError: main() prints it and exits 1
    head = result.last_hash[:16]
    print(say(f"审计日志完好，共 {result.length} 条，末条哈希 {head}", f"audit log intact: {result.length} entries, head {head}"))
    return 0


def _list(args: argparse.Namespace) -> int:
    from centre import schema_guard
    from centre.audit.models import AuditEntry

    schema_guard.migrate()
    for e in AuditEntry.objects.order_by("-position")[: args.limit]:
        print(f"{e.position}\t{e.at:%Y-%m-%d %H:%M:%S}\t{e.actor}\t{e.action}\t{e.subject}")
    return 0
