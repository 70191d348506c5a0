"""The analytics app's refusals, branches of the console's error tree (decided by type, shown one language at a
time)."""

from __future__ import annotations

from centre.console.errors import ConsoleError


class CreditRefused(ConsoleError):
    """A credit action the rules do not allow (a rule set, a list entry), with why."""

    code = "credit_refused"
    zh_template = "诚信评价：{why}"
    en_template = "Credit evaluation: {why}"


class AnalyticsRefused(ConsoleError):
    """The analysis cannot run as asked (the follower on a schema not yet migrated), with why."""

    code = "analytics_refused"
    zh_template = "数据分析：{why}"
    en_template = "Analysis: {why}"
