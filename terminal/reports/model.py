"""The figures an agency reports: workers by credential state and service type, credentials issued,
credentials expiring within 30/60/90 days, training hours, complaints and how long they took to resolve."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from terminal.core import service_types
from terminal.core.lifecycle import State
from terminal.store.db import Database
from terminal.usecases.context import Actor, verify


@dataclass(frozen=True)
class Section:
    key: str
    title_zh: str
    title_en: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | float, ...], ...]
    chart: bool = True  # a bar chart of the last numeric column against the first

    def title(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") else self.title_en


@dataclass(frozen=True)
class Report:
    agency: str
    period_from: dt.date
    period_to: dt.date
    generated_at: dt.datetime
    demo: bool
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _by_state(db: Database) -> Section:
    latest = ("SELECT c.state FROM credentials c WHERE c.worker_id = w.id ORDER BY c.id DESC LIMIT 1")
    counts = {str(k): int(n) for k, n in db.query(
        f"SELECT coalesce(({latest}), 'none') AS s, count(*) FROM workers w GROUP BY s")}  # fmt: skip
    rows = [("未申请 / no credential", counts.get("none", 0))]
    rows += [(f"{s.label_zh} / {s.value}", counts.get(s.value, 0)) for s in State]
    return Section("workers_by_state", "人员（按证件状态）", "Workers by credential state", ("状态 / state", "人数 / workers"),
                   tuple(rows))  # fmt: skip


def _by_service(db: Database) -> Section:
    counts = {str(c): int(n) for c, n in db.query("SELECT code, count(*) FROM worker_service_types GROUP BY code")}
    rows = tuple((f"{zh} / {code}", int(counts.get(code, 0))) for code, (zh, _en) in service_types.SERVICE_TYPES.items())
    return Section("workers_by_service", "人员（按服务类型）", "Workers by service type",
                   ("服务类型 / service type", "人数 / workers"), rows)  # fmt: skip


def _issued(db: Database, start: dt.date, end: dt.date) -> Section:
    rows = db.query(
        "SELECT substr(e.at, 1, 7) AS month, count(*) FROM credential_events e WHERE e.action = 'issue'"
        " AND substr(e.at, 1, 10) BETWEEN ? AND ? GROUP BY month ORDER BY month",
        (start.isoformat(), end.isoformat()),
    )
    return Section("credentials_issued", "发证数量（按月）", "Credentials issued per month", ("月份 / month", "发证 / issued"),
                   tuple((str(m), int(n)) for m, n in rows))  # fmt: skip


def _expiring(db: Database, today: dt.date) -> Section:
    rows = []
    for days in (30, 60, 90):
        horizon = (today + dt.timedelta(days=days)).isoformat()
        creds = db.scalar("SELECT count(*) FROM credentials WHERE state = 'issued' AND valid_to BETWEEN ? AND ?",
                          (today.isoformat(), horizon))  # fmt: skip
        health = db.scalar("SELECT count(*) FROM (SELECT max(expires_on) e FROM health_checks GROUP BY worker_id)"
                           " WHERE e BETWEEN ? AND ?", (today.isoformat(), horizon))  # fmt: skip
        rows.append((f"{days} 天内 / within {days} days", int(creds), int(health)))
    return Section("expiring", "即将到期", "Expiring soon",
                   ("期限 / within", "证件 / credentials", "体检 / health checks"), tuple(rows))  # fmt: skip


def _training(db: Database, start: dt.date, end: dt.date) -> Section:
    rows = db.query(
        "SELECT c.title, count(a.id), coalesce(sum(a.hours), 0), sum(CASE WHEN a.passed = 1 THEN 1 ELSE 0 END)"
        " FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id"
        " JOIN training_courses c ON c.id = s.course_id WHERE substr(s.starts_at, 1, 10) BETWEEN ? AND ?"
        " GROUP BY c.id ORDER BY c.title",
        (start.isoformat(), end.isoformat()),
    )
    return Section("training", "培训", "Training",
                   ("课程 / course", "人次 / attendances", "通过 / passed", "学时 / hours"),
                   tuple((str(t), int(n), int(p or 0), round(float(h), 1)) for t, n, h, p in rows))  # fmt: skip


def _complaints(db: Database, start: dt.date, end: dt.date) -> Section:
    rows = db.query(
        "SELECT source, status, received_at, resolved_at FROM complaints WHERE substr(received_at, 1, 10) BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    out = []
    for source in ("agency", "centre"):
        mine = [r for r in rows if r["source"] == source]
        resolved = [r for r in mine if r["resolved_at"]]
        hours = [(dt.datetime.fromisoformat(r["resolved_at"]) - dt.datetime.fromisoformat(r["received_at"])).total_seconds()
                 / 3600 for r in resolved]  # fmt: skip
        label = "本机构受理 / agency" if source == "agency" else "中心转来 / centre"
        out.append((label, len(mine), len(resolved), round(statistics.median(hours), 1) if hours else 0.0))
    return Section("complaints", "投诉及处理时长", "Complaints and resolution time",
                   ("来源 / source", "受理 / received", "办结 / resolved", "处理时长中位数(小时) / median hours"),
                   tuple(out))  # fmt: skip


def build_report(db: Database, actor: Actor, today: dt.date, period_from: dt.date, period_to: dt.date) -> Report:
    """The agency's figures, for a signed-in operator (the report names workers whose papers expire)."""
    verify(db, actor)
    agency = db.scalar("SELECT name FROM agency WHERE id = 1") or ""
    demo = db.scalar("SELECT value FROM settings WHERE key = 'demo'") == "1"
    return Report(
        agency=str(agency), period_from=period_from, period_to=period_to, generated_at=dt.datetime.now(dt.UTC),
        demo=demo,
        sections=(_by_state(db), _by_service(db), _issued(db, period_from, period_to), _expiring(db, today),
                  _training(db, period_from, period_to), _complaints(db, period_from, period_to)),
    )  # fmt: skip
