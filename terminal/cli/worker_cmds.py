"""`terminal worker release WORKER --reason TEXT`: a worker leaving the agency (离职/转出), as a signed-in
supervisor or administrator; the same use case as the worker page's action (terminal/usecases/leaving.py)."""

from __future__ import annotations

import argparse
from typing import Any

from terminal.cli.common import signed_in
from terminal.cli.language import say
from terminal.usecases import leaving


def register(subparsers: Any) -> None:
    worker = subparsers.add_parser("worker", help="workers / 人员")
    sub = worker.add_subparsers(dest="worker_command", metavar="ACTION", required=True)
    release = sub.add_parser("release", help="release a worker who leaves the agency (离职/转出; supervisors)")
    release.add_argument("worker", metavar="WORKER", help="the worker's record number or uid, or a credential number")
    release.add_argument("--reason", required=True, help="why the worker leaves (recorded and sent to the centre)")
    release.set_defaults(func=cmd_release)


def cmd_release(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        worker_id = leaving.find_worker(db, args.worker)
        leaving.release_worker(db, actor, worker_id, args.reason)
    print(say(f"已离职：人员 {worker_id}", f"released: worker {worker_id}"))
    return 0
