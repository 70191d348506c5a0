"""The credential lifecycle as an explicit state machine.

applied → approved → printed → issued; reprint makes a new version (the old card void) waiting for print;
issued ⇄ suspended; any live state → revoked (注销, reason required); issued/suspended → expired;
expired → applied again on renewal (new version, new validity).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from terminal.core.errors import InvalidInput, InvalidTransition
from terminal.core.roles import Action, Role, action_text, require
from wirecontract.errors import Text


class State(enum.StrEnum):
    APPLIED = "applied"
    APPROVED = "approved"
    PRINTED = "printed"
    ISSUED = "issued"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"

    @property
    def label_zh(self) -> str:
        return {"applied": "待审核", "approved": "待打印", "printed": "待发放", "issued": "已发证",
                "suspended": "已暂停", "revoked": "已注销", "expired": "已过期"}[self.value]  # fmt: skip

    @property
    def label_en(self) -> str:
        return {"applied": "awaiting approval", "approved": "awaiting printing", "printed": "awaiting issue",
                "issued": "issued", "suspended": "suspended", "revoked": "revoked", "expired": "expired"}[self.value]  # fmt: skip

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en

    @property
    def text(self) -> Text:
        return Text(self.label_zh, self.label_en)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State
    reason_required: bool = False
    new_version: bool = False


_LIVE = frozenset({State.APPLIED, State.APPROVED, State.PRINTED, State.ISSUED, State.SUSPENDED, State.EXPIRED})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.APPROVE, frozenset({State.APPLIED}), State.APPROVED),
        Transition(Action.PRINT, frozenset({State.APPROVED}), State.PRINTED),
        Transition(Action.ISSUE, frozenset({State.PRINTED}), State.ISSUED),
        Transition(
            Action.REPRINT, frozenset({State.PRINTED, State.ISSUED}), State.APPROVED, reason_required=True,
            new_version=True,
        ),
        Transition(Action.SUSPEND, frozenset({State.ISSUED}), State.SUSPENDED, reason_required=True),
        Transition(Action.RESUME, frozenset({State.SUSPENDED}), State.ISSUED),
        Transition(Action.REVOKE, _LIVE, State.REVOKED, reason_required=True),
        Transition(Action.EXPIRE, frozenset({State.ISSUED, State.SUSPENDED}), State.EXPIRED),
        Transition(Action.RENEW, frozenset({State.EXPIRED, State.ISSUED}), State.APPLIED, new_version=True),
    )
}


def check(action: Action, state: State, role: Role, reason: str | None = None) -> Transition:
    """Return the transition if the role may take it from this state, else raise a typed refusal."""
    require(role, action)
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        raise InvalidTransition(state=state.text, action=action_text(action))
    if transition.reason_required and not (reason and reason.strip()):
        raise InvalidInput(field=Text("请填写原因", "a reason is required"))
    return transition


def allowed_actions(state: State, role: Role) -> list[Action]:
    from terminal.core.roles import may

    return [a for a, t in TRANSITIONS.items() if state in t.sources and may(role, a)]
