"""Credit evaluation (诚信评价) as rules kept as data: a versioned rule set (credit_rules.json is version 1; newer
versions are rows of analytics_credit_rules) applied to what the centre knows of a worker or an agency. Every
score is the sum of its contributions, each named, so a grade always shows why. Django-free.

Workers are graded 5…1 stars (shown ★★★★★…★), agencies 5A…A; a black-listed subject gets the lowest grade
whatever its score, a red-listed one a bonus."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirecontract.errors import Text

DEFAULT_RULES = Path(__file__).with_name("credit_rules.json")


class RuleSetInvalid(ValueError):
    """A rule set that lacks a part the rules need (named in the message)."""


@dataclass(frozen=True)
class RuleSet:
    version: int
    data: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RuleSet:
        for part in ("version", "worker", "agency", "worker_grades", "agency_grades"):
            if part not in data:
                raise RuleSetInvalid(f"the rule set has no '{part}'")
        for grades in (data["worker_grades"], data["agency_grades"]):
            floors = [float(floor) for floor, _ in grades]
            if floors != sorted(floors, reverse=True) or floors[-1] > 0:
                raise RuleSetInvalid("grades go from the highest floor down to 0")
        return cls(int(data["version"]), data)

    @classmethod
    def default(cls) -> RuleSet:
        return cls.from_json(json.loads(DEFAULT_RULES.read_text(encoding="utf-8")))

    def grade(self, subject: str, score: float) -> str:
        for floor, grade in self.data[f"{subject}_grades"]:
            if score >= float(floor):
                return str(grade)
        return str(self.data[f"{subject}_grades"][-1][1])

    def lowest(self, subject: str) -> str:
        return str(self.data[f"{subject}_grades"][-1][1])


@dataclass(frozen=True)
class Contribution:
    code: str
    label: Text
    points: float
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "zh": self.label.zh, "en": self.label.en, "points": round(self.points, 2),
                "detail": self.detail}  # fmt: skip


@dataclass(frozen=True)
class Graded:
    score: float
    grade: str
    contributions: tuple[Contribution, ...]
    listed: str = ""  # '' | red | black


@dataclass(frozen=True)
class Dated:
    """A dated item that weighs less as it ages (complaints, integrity records)."""

    on: dt.date | None
    kind: str  # severity for complaints, polarity for integrity records
    valid_to: dt.date | None = None


@dataclass
class WorkerEvidence:
    background: str = "none"  # clear | pending | adverse | none
    best_training: float | None = None
    training_passed: bool = False
    health_valid: bool = False
    insurance_valid: bool = False
    evaluations: tuple[float, int] = (0.0, 0)  # (sum of overall ratings, how many)
    upheld_complaints: list[Dated] = field(default_factory=list)
    integrity: list[Dated] = field(default_factory=list)
    contracts: int = 0
    listed: str = ""


@dataclass
class AgencyEvidence:
    admitted: bool = False
    profile_complete: bool = False
    licence: bool = False
    workers: int = 0
    certified: int = 0
    contracts_in_window: int = 0
    upheld_in_window: int = 0
    resolution_days: tuple[float, int] = (0.0, 0)  # (sum of days, how many resolved)
    evaluations: tuple[float, int] = (0.0, 0)
    integrity: list[Dated] = field(default_factory=list)
    penalties: list[Dated] = field(default_factory=list)
    listed: str = ""


def decayed(on: dt.date | None, today: dt.date, half_life_days: float) -> float:
    """The weight of something dated `on`: 1 today, ½ after a half-life, never more than 1."""
    if on is None:
        return 1.0
    age = max((today - on).days, 0)
    return math.pow(0.5, age / float(half_life_days))


def shrunk_mean(total: float, count: int, prior_mean: float, prior_count: float) -> float:
    """A mean pulled towards the prior by `prior_count` imaginary ratings: three 5-star ratings are not yet proof
    of a 5-star worker (small-sample shrinkage)."""
    return (total + prior_mean * prior_count) / (count + prior_count)


# Sums the database adds up (ratings of two decimals, days) differ in their last bits with the order it added them
# in, and so with how the facts were batched; rounded to this many places first, the same evidence always makes the
# same score, down to its last (second) decimal.
EXACT_PLACES = 6


def _evaluations(rule: dict[str, Any], ratings: tuple[float, int]) -> Contribution:
    total, count = round(ratings[0], EXACT_PLACES), ratings[1]
    prior = float(rule["prior_mean"])
    shrunk = shrunk_mean(total, count, prior, float(rule["prior_count"]))
    raw = f"{total / count:.2f}" if count else "—"
    return Contribution("evaluations", Text("服务评价", "evaluations"), float(rule["per_star"]) * (shrunk - prior),
                        f"{count} 条 / ratings, 均分 / mean {raw}, 收缩后 / shrunk {shrunk:.2f}")  # fmt: skip


def _integrity(rule: dict[str, Any], items: list[Dated], today: dt.date) -> list[Contribution]:
    positive = negative = 0.0
    n_pos = n_neg = 0
    for item in items:
        if item.valid_to is not None and item.valid_to < today:
            continue  # no longer in force
        weight = decayed(item.on, today, float(rule["half_life_days"]))
        if item.kind == "positive":
            positive, n_pos = positive + float(rule["positive"]) * weight, n_pos + 1
        elif item.kind == "negative":
            negative, n_neg = negative + float(rule["negative"]) * weight, n_neg + 1
    out = []
    if n_pos:
        out.append(Contribution("integrity_positive", Text("良好信息", "positive records"),
                                min(positive, float(rule["cap_positive"])), f"{n_pos} 条 / records"))  # fmt: skip
    if n_neg:
        out.append(Contribution("integrity_negative", Text("不良信息", "negative records"),
                                -min(negative, float(rule["cap_negative"])), f"{n_neg} 条 / records"))  # fmt: skip
    return out


def grade_worker(rules: RuleSet, ev: WorkerEvidence, today: dt.date) -> Graded:
    r = rules.data["worker"]
    parts = [Contribution("base", Text("基础分", "base"), float(r["base"]))]
    bg = ev.background if ev.background in r["background"] else "none"
    parts.append(Contribution("background", Text("背景审查", "background check"), float(r["background"][bg]), bg))
    if ev.training_passed:
        over = max((ev.best_training or 0.0) - 80.0, 0.0) * float(r["training"]["per_point_over_80"])
        points = float(r["training"]["passed"]) + min(over, float(r["training"]["cap"]))
        parts.append(Contribution("training", Text("培训合格", "training passed"), points,
                                  f"最好成绩 / best score {ev.best_training or 0:g}"))  # fmt: skip
    parts.append(Contribution("health", Text("健康体检", "health check"),
                              float(r["health_valid"] if ev.health_valid else r["health_missing"]),
                              "有效 / valid" if ev.health_valid else "无有效体检 / none valid"))  # fmt: skip
    parts.append(Contribution("insurance", Text("保险", "insurance"),
                              float(r["insurance_valid"] if ev.insurance_valid else r["insurance_missing"]),
                              "有效 / valid" if ev.insurance_valid else "无有效保险 / none valid"))  # fmt: skip
    parts.append(_evaluations(r["evaluations"], ev.evaluations))
    if ev.upheld_complaints:
        rule = r["complaints"]
        total = sum(float(rule["severity"].get(c.kind, rule["severity"]["general"]))
                    * decayed(c.on, today, float(rule["half_life_days"])) for c in ev.upheld_complaints)  # fmt: skip
        parts.append(Contribution("complaints", Text("属实投诉", "upheld complaints"), -min(total, float(rule["cap"])),
                                  f"{len(ev.upheld_complaints)} 件 / upheld"))  # fmt: skip
    parts.extend(_integrity(r["integrity"], ev.integrity, today))
    if ev.contracts:
        rule = r["experience"]
        parts.append(Contribution("experience", Text("服务经历", "service record"),
                                  min(ev.contracts * float(rule["per_contract"]), float(rule["cap"])),
                                  f"{ev.contracts} 份合同 / contracts"))  # fmt: skip
    return _finish(rules, "worker", parts, ev.listed)


def grade_agency(rules: RuleSet, ev: AgencyEvidence, today: dt.date) -> Graded:
    r = rules.data["agency"]
    parts = [Contribution("base", Text("基础分", "base"), float(r["base"]))]
    reg = r["registration"]
    points = (float(reg["admitted"]) if ev.admitted else -float(reg["admitted"])) + \
        (float(reg["profile"]) if ev.profile_complete else 0.0) + (float(reg["licence"]) if ev.licence else 0.0)
    detail = "/".join(name for name, ok in (("准入 admitted", ev.admitted), ("资料 profile", ev.profile_complete),
                                            ("执照 licence", ev.licence)) if ok) or "—"  # fmt: skip
    parts.append(Contribution("registration", Text("登记与执照", "registration and licences"), points, detail))
    share = ev.certified / ev.workers if ev.workers else 0.0
    rule = r["certified_share"]
    parts.append(Contribution("certified_share", Text("持证人员占比", "share of certified workers"),
                              float(rule["weight"]) * min(share / float(rule["target"]), 1.0),
                              f"{ev.certified}/{ev.workers}"))  # fmt: skip
    rule = r["complaints_per_100"]
    per_100 = 100.0 * ev.upheld_in_window / ev.contracts_in_window if ev.contracts_in_window else (
        100.0 * ev.upheld_in_window if ev.upheld_in_window else 0.0)
    parts.append(Contribution("complaints_per_100", Text("百单投诉", "upheld complaints per 100 contracts"),
                              -min(per_100 * float(rule["per_unit"]), float(rule["cap"])),
                              f"{ev.upheld_in_window}/{ev.contracts_in_window} = {per_100:.2f}"))  # fmt: skip
    if ev.resolution_days[1]:
        rule = r["resolution_days"]
        mean = round(ev.resolution_days[0], EXACT_PLACES) / ev.resolution_days[1]
        over = max(mean - float(rule["target"]), 0.0)
        parts.append(Contribution("resolution_days", Text("投诉处理时长", "complaint resolution time"),
                                  -min(over * float(rule["per_day_over"]), float(rule["cap"])),
                                  f"平均 / mean {mean:.1f} 天 / days"))  # fmt: skip
    parts.append(_evaluations(r["evaluations"], ev.evaluations))
    parts.extend(_integrity(r["integrity"], ev.integrity, today))
    if ev.penalties:
        rule = r["penalties"]
        total = sum(float(rule["per_penalty"]) * decayed(p.on, today, float(rule["half_life_days"]))
                    for p in ev.penalties)  # fmt: skip
        parts.append(Contribution("penalties", Text("行政处罚", "administrative penalties"),
                                  -min(total, float(rule["cap"])), f"{len(ev.penalties)} 次 / penalties"))  # fmt: skip
    return _finish(rules, "agency", parts, ev.listed)


def _finish(rules: RuleSet, subject: str, parts: list[Contribution], listed: str) -> Graded:
    if listed == "red":
        parts.append(Contribution("red_list", Text("列入红名单", "on the red list"),
                                  float(rules.data.get("lists", {}).get("red_bonus", 0))))  # fmt: skip
    score = round(min(max(sum(p.points for p in parts), 0.0), 100.0), 2)
    grade = rules.lowest(subject) if listed == "black" else rules.grade(subject, score)
    if listed == "black":
        parts.append(Contribution("black_list", Text("列入黑名单：最低等级", "on the black list: lowest grade"), 0.0))
    return Graded(score, grade, tuple(parts), listed)


def grade_label(subject: str, grade: str) -> str:
    """How a grade is shown: stars for workers, 5A…A for agencies."""
    return "★" * int(grade) if subject == "worker" and grade.isdigit() else grade
