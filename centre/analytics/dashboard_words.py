"""The dashboards' and reports' names for measures and service types, in both languages (one shown at a time)."""

from __future__ import annotations

MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "certified_workers": ("持证从业人员", "certified workers"),
    "active_credentials": ("有效证件", "active credentials"),
    "registrations": ("新登记", "new registrations"),
    "transfers": ("转入", "transfers"),
    "trainings_passed": ("培训合格", "training completions"),
    "contracts": ("服务合同", "contracts"),
    "evaluations": ("评价（均分）", "evaluations (mean)"),
    "complaints": ("投诉", "complaints"),
    "complaints_upheld": ("投诉成立", "complaints upheld"),
    "complaints_resolved": ("投诉办结（平均天数）", "complaints resolved (mean days)"),
    "revocations": ("吊销", "revocations"),
    "credentials_issued": ("发证", "credentials issued"),
}
BY_WORDS: dict[str, tuple[str, str]] = {
    "district": ("区", "district"), "service_type": ("服务类型", "service type"), "agency_id": ("机构", "agency"),
}  # fmt: skip


def word(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]
