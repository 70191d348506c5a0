"""What a clerk reads for each of the centre's refusals (wirecontract.protocol.RejectCode), in the operator's
language. The centre's own `reason` (English, for the record) is shown after it."""

from __future__ import annotations

from wirecontract.protocol import RejectCode

_WORDS: dict[str, tuple[str, str]] = {
    RejectCode.IDENTITY_REGISTERED_ELSEWHERE: ("该人员已由其他机构登记（一人只能由一家机构负责）",
                                               "This person is registered by another agency (one agency per person)"),
    RejectCode.SIMULATED_IDENTITY: ("正式中心不接受演示（模拟）身份", "The centre refuses demo (simulated) identities"),
    RejectCode.STALE_VERSION: ("中心已有更新的版本", "The centre already holds a newer version"),
    RejectCode.INVALID_PAYLOAD: ("记录内容不完整", "The record is incomplete"),
    RejectCode.CONFLICT: ("同一编号的记录内容不同", "A record with the same id but other content was received"),
    RejectCode.NOT_OWNER: ("该记录属于其他机构，本机构不能修改", "The record belongs to another agency"),
    RejectCode.CENTRE_DECISION: ("中心已作出决定（注销、暂停、退回或背景审查未通过），以中心为准",
                                 "The centre's decision (revocation, suspension, return or background check) stands"),
    RejectCode.INVALID_TRANSITION: ("证件状态变化不符合办证流程（以中心状态为准）",
                                    "The credential cannot move so from the centre's state"),
    RejectCode.NUMBER_OUT_OF_RANGE: ("证件编号不在中心分配给本终端的号段内", "The number is outside this terminal's range"),
    RejectCode.IDENTITY_NOT_FROM_CARD: ("身份信息只能来自读卡，不能修改", "Identity comes only from a card read"),
    RejectCode.MISSING_PROVENANCE: ("缺少读卡器来源信息，中心不能确认身份", "The card read's provenance is missing"),
    RejectCode.SEQ_REUSED: ("中心已有本终端同一序号的另一条记录：本机数据库可能被回退，请先取回记录（terminal sync recover）",
                            "The centre holds another record of this terminal under the same number: this PC's "
                            "database may have been rolled back; recover first ('terminal sync recover')"),
}


def explain_rejection(code: str | None, lang: str = "zh") -> str:
    words = _WORDS.get(code or "")
    if words is None:
        return code or ""
    return words[0] if lang.startswith("zh") else words[1]
