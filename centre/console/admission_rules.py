"""Admitting agencies (准入): which decision may follow which, and what a reason must be. Free of Django.

Staff check the seed's conditions (good standing, no serious violations or major quality complaints) against the
agency's registration data and decide; the decision and its reason are kept, newest last."""

from __future__ import annotations

import enum

from centre.console.errors import AdmissionRefused
from wirecontract.errors import Text


class Admission(enum.StrEnum):
    PENDING = "pending"  # no decision yet
    ADMITTED = "admitted"
    SUSPENDED = "suspended"
    REFUSED = "refused"

    @property
    def text(self) -> Text:
        return _TEXT[self]


_TEXT = {
    Admission.PENDING: Text("待准入", "pending"),
    Admission.ADMITTED: Text("已准入", "admitted"),
    Admission.SUSPENDED: Text("已暂停", "suspended"),
    Admission.REFUSED: Text("不予准入", "refused"),
}

NEXT: dict[Admission, frozenset[Admission]] = {
    Admission.PENDING: frozenset({Admission.ADMITTED, Admission.REFUSED}),
    Admission.ADMITTED: frozenset({Admission.SUSPENDED, Admission.REFUSED}),
    Admission.SUSPENDED: frozenset({Admission.ADMITTED, Admission.REFUSED}),
    Admission.REFUSED: frozenset({Admission.ADMITTED}),
}
REASON_MAX = 1000


def check_decision(current: Admission, decision: str, reason: str) -> tuple[Admission, str]:
    """The decision and the cleaned reason, or AdmissionRefused saying why not."""
    try:
        wanted = Admission(decision)
    except ValueError:
        raise AdmissionRefused(why=Text("未知的决定", "unknown decision")) from None
    if wanted not in NEXT[current]:
        raise AdmissionRefused(why=Text(f"机构当前为“{current.text.zh}”，不能改为“{wanted.text.zh}”",
                                        f"the agency is {current.text.en}; it cannot become {wanted.text.en}"))
    cleaned = " ".join(reason.split())
    if len(cleaned) < 2:
        raise AdmissionRefused(why=Text("请写明理由", "give a reason"))
    if len(cleaned) > REASON_MAX:
        raise AdmissionRefused(why=Text(f"理由不能超过 {REASON_MAX} 字", f"the reason may not exceed {REASON_MAX} characters"))
    return wanted, cleaned
