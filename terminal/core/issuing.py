"""The conditions a credential must meet before anyone acts on it: checked when it is approved, again before a
card is printed, and again when it is issued, so nothing missing is discovered after a card was printed.

Each condition is a value of `Condition`; `IssuingConditionsUnmet` names the unmet ones in one language at a
time, each with what to do about it. Code decides by the `unmet` tuple, never by the message text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from terminal.core.errors import IssuePreconditionFailed


class Condition(enum.StrEnum):
    PHOTO = "photo"
    TRAINING = "training"
    HEALTH_CHECK = "health_check"
    INSURANCE = "insurance"
    EMPLOYMENT_LETTER = "employment_commitment"
    CREDIT_LETTER = "credit_authorisation"
    BACKGROUND_CHECK = "background_check"

    def label(self, lang: str = "zh") -> str:
        zh, en = _LABELS[self]
        return zh if lang.startswith("zh") else en

    def advice(self, lang: str = "zh") -> str:
        zh, en = _ADVICE[self]
        return zh if lang.startswith("zh") else en


_LABELS: dict[Condition, tuple[str, str]] = {
    Condition.PHOTO: ("照片", "photo"),
    Condition.TRAINING: ("岗前培训合格", "passed pre-service training"),
    Condition.HEALTH_CHECK: ("有效体检", "valid health check"),
    Condition.INSURANCE: ("有效保险", "valid insurance"),
    Condition.EMPLOYMENT_LETTER: ("从业承诺书", "employment commitment letter"),
    Condition.CREDIT_LETTER: ("信用授权书", "credit authorisation letter"),
    Condition.BACKGROUND_CHECK: ("背景审查", "background check"),
}

_ADVICE: dict[Condition, tuple[str, str]] = {
    Condition.PHOTO: ("无照片：请在人员档案中拍照或选择照片", "no photo: take or choose one on the worker's record"),
    Condition.TRAINING: ("未通过岗前培训：请先参加培训并取得合格成绩",
                         "no passed pre-service training: the worker must attend and pass it"),
    Condition.HEALTH_CHECK: ("无有效体检：请补录在有效期内的合格体检", "no valid health check: record a passed, current one"),
    Condition.INSURANCE: ("无有效保险：请补录在有效期内的保险", "no valid insurance: record a current policy"),
    Condition.EMPLOYMENT_LETTER: ("未签署从业承诺书：请补签", "no employment commitment letter: have it signed"),
    Condition.CREDIT_LETTER: ("未签署信用授权书：请补签", "no credit authorisation letter: have it signed"),
    Condition.BACKGROUND_CHECK: ("背景审查未通过：不能办理证件", "the background check was adverse: no credential may be issued"),
}  # fmt: skip


class Stage(enum.StrEnum):
    APPLY = "apply"
    APPROVE = "approve"
    PRINT = "print"
    ISSUE = "issue"


_STAGES = {Stage.APPLY: ("申请", "apply for"), Stage.APPROVE: ("审核通过", "approve"), Stage.PRINT: ("打印", "print"), Stage.ISSUE: ("发证", "issue")}


class IssuingConditionsUnmet(IssuePreconditionFailed):
    """A credential whose holder does not meet every issuing condition: refused at approval, printing or issue."""

    code = "issuing_conditions_unmet"
    zh_template = "不能{stage_zh}该证件：{missing_zh}。"
    en_template = "Cannot {stage_en} this credential: {missing_en}."

    def __init__(self, stage: Stage, unmet: Iterable[Condition]) -> None:
        self.stage = stage
        self.unmet = tuple(unmet)
        super().__init__(
            stage_zh=_STAGES[stage][0], stage_en=_STAGES[stage][1],
            missing_zh="；".join(c.advice("zh") for c in self.unmet),
            missing_en="; ".join(c.advice("en") for c in self.unmet),
        )  # fmt: skip


class ApplicationReturned(IssuePreconditionFailed):
    """The application was returned to the clerk for correction; it is approved only after it is handed in again."""

    code = "application_returned"
    zh_template = "申请 {credential_no} 已退回登记员补正，须由登记员补正后重新提交，才能审核。"
    en_template = (
        "Application {credential_no} was returned to the clerk for correction; it can be approved only after the "
        "clerk corrects it and hands it in again."
    )
