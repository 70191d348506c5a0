"""The centre's credit evaluation as the agency sees it (pull kind `credit_grade`, docs/sync-protocol.md): a change
of a worker's grade is kept with the worker's credit records (category `credit_grade`), so the worker page's
records show it beside the integrity records; a change of the agency's own grade is kept in the settings. Each
change lands once (its uid), however often it is pulled."""

from __future__ import annotations

import json
from typing import Any

from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases.context import CENTRE

KIND = "credit_grade"
CATEGORY = "credit_grade"
AGENCY_GRADE_KEY = "centre.credit_grade"


def shown(subject: str, grade: str) -> str:
    """Stars for a worker (★★★★), 5A…A for an agency, as the centre shows them."""
    return "★" * int(grade) if subject == "worker" and grade.isdigit() and 0 < int(grade) <= 5 else grade[:8]


def describe(data: dict[str, Any]) -> str:
    """The change in words: '诚信等级 ★★★★ → ★★（得分 61.2，规则第 1 版）：背景审查 −60 …'."""
    subject = str(data.get("subject") or "worker")
    before, after = str(data.get("previous") or ""), str(data.get("grade") or "")
    reasons = [f"{r.get('zh') or r.get('code')} {float(r.get('points') or 0):+g}" for r in data.get("reasons") or []
               if isinstance(r, dict)]  # fmt: skip
    text = (f"诚信等级 {shown(subject, before) or '—'} → {shown(subject, after)}"
            f"（得分 {float(data.get('score') or 0):g}，规则第 {data.get('rule_version')} 版）")  # fmt: skip
    return text + ("：" + "；".join(reasons) if reasons else "")


def apply(db: Database, data: dict[str, Any]) -> None:
    uid = str(data.get("uid") or "")
    if not uid:
        return
    if data.get("subject") == "agency":
        if (agency_grade(db) or {}).get("uid") == uid:
            return  # already applied (a repeated pull)
        db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (AGENCY_GRADE_KEY, json.dumps(data, ensure_ascii=False, sort_keys=True)))  # fmt: skip
        audit.append(db, CENTRE.username, KIND, "agency", uid, {"grade": data.get("grade")})
        return
    worker_id = db.scalar("SELECT id FROM workers WHERE uid = ?", (str(data.get("subject_id") or ""),))
    if worker_id is None or db.scalar("SELECT 1 FROM credit_records WHERE uid = ?", (uid,)):
        return
    db.execute(
        "INSERT INTO credit_records(uid, worker_id, source, kind, description, recorded_at, category)"
        " VALUES (?, ?, 'centre', 'notice', ?, ?, ?)",
        (uid, worker_id, describe(data), str(data.get("at") or ""), CATEGORY),
    )
    audit.append(db, CENTRE.username, KIND, "worker", str(data.get("subject_id")), {"grade": data.get("grade")})


def agency_grade(db: Database) -> dict[str, Any] | None:
    """The agency's own grade as the centre last sent it (None before any change was sent)."""
    value = db.scalar("SELECT value FROM settings WHERE key = ?", (AGENCY_GRADE_KEY,))
    return json.loads(str(value)) if value else None
