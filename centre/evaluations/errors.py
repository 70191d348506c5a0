"""What a client is told when a slip or an evaluation is refused (one language at a time, by type)."""

from __future__ import annotations

from wirecontract.errors import ExplainedError, Text


class SlipRefused(ExplainedError):
    """The slip is not one the centre can believe: not a slip, forged, or from a terminal it no longer trusts."""

    code = "slip_refused"
    zh_template = "评价单无效：{why}"
    en_template = "This evaluation slip is not valid: {why}"


class EvaluationRefused(ExplainedError):
    code = "evaluation_refused"
    zh_template = "评价未保存：{why}"
    en_template = "The evaluation was not saved: {why}"


NOT_A_SLIP = Text("不是本系统的评价单", "it is not a slip of this system")
FORGED = Text("签名不正确，评价单可能是伪造的", "the signature is wrong: the slip may be forged")
UNTRUSTED = Text("签发终端未登记或已被吊销", "the issuing terminal is not enrolled or was revoked")
CODE_MISMATCH = Text("评价码与服务合同不符", "the code does not belong to this contract")
OTHER_AGENCY = Text("该服务人员不属于签发机构", "the worker does not belong to the issuing agency")
UNKNOWN_CODE = Text(
    "找不到该评价码；机构尚未同步时请扫描评价单上的二维码",
    "unknown code; if the agency has not synced yet, scan the QR on the slip",
)
ALREADY = Text(
    "该服务合同已评价过，同一评价码不能再次评价", "this contract was already evaluated: the code cannot be used again"
)
TOO_LATE = Text("评价提交已超过 7 天，不能再修改", "more than 7 days have passed: it can no longer be changed")
BAD_SCORES = Text("请为每一项打 1 到 5 分", "score every dimension from 1 to 5")
TOO_LONG = Text("评价内容过长（最多 300 字）", "the comment is too long (at most 300 characters)")
CODE_USED_ELSEWHERE = Text("该评价码已用于其他服务合同", "this code was already used for another contract")
