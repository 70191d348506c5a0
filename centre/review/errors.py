"""The review queue's refusals (branches of the console's error tree)."""

from __future__ import annotations

from centre.console.errors import ConsoleError


class ReviewRefused(ConsoleError):
    code = "review_refused"
    zh_template = "登记审核：{why}"
    en_template = "Registration review: {why}"
