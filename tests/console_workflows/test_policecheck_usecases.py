"""Police check (公安核查), the centre's use cases on SQLite and PostgreSQL: who needs a check, a batch exported,
its result file read, previewed and applied (results to the person's agency, adverse ones block credentials), a
result by hand with its reason; malformed files refused whole with a message per row, changing nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from centre.console.errors import RoleRefused
from centre.policecheck import actions
from centre.policecheck.models import CheckRequest, CheckResultEntry
from centre.sync.models import BackgroundCheck, Decision
from tests.console_workflows.centre_data import AGENCY_A, feed_of, register, terminal
from tests.console_workflows.sheets import answered, rows_of, sheet
from wirecontract.protocol import utc_now


def _batch(users: dict[str, Any], people: int = 3) -> tuple[Any, bytes, list[str]]:
    term = terminal()
    numbers = [register(term, i, f"人员{i}")[1] for i in range(1, people + 1)]
    batch = actions.export_batch(users["police"], size=10)
    _, data = actions.batch_file(users["police"], batch.uid)
    return batch, data, numbers


def test_a_batch_is_exported_answered_previewed_and_applied(users: dict[str, Any]) -> None:
    batch, data, numbers = _batch(users)
    assert batch.size == 3 and sorted(str(r[2]) for r in rows_of(data)) == sorted(numbers)
    assert not actions.needing_check(users["police"]).exists()  # waiting in the batch
    outcome = actions.read_results(users["police"], "结果.xlsx", answered(data, ["无异常", "有异常", "待查"]))
    assert outcome.run is not None and [r.result for r in outcome.rows] == ["clear", "adverse", "pending"]
    assert not BackgroundCheck.objects.exists()  # nothing applied before the preview is confirmed
    assert actions.apply_results(users["police"], outcome.run.uid) == 3
    expected = {row[2]: result for row, result in zip(rows_of(data), ["clear", "adverse", "pending"], strict=True)}
    assert _results(AGENCY_A) == expected  # each result went to the person's agency
    with pytest.raises(actions.CheckRefused):  # applied once only
        actions.apply_results(users["police"], outcome.run.uid)
    again = actions.read_results(users["police"], "结果.xlsx", answered(data, ["无异常", "有异常", "待查"]))
    assert again.refused and all(r.errors for r in again.rows)  # already answered


def _results(agency_id: str) -> dict[str, str]:
    return {c["id_number"]: c["result"] for c in feed_of(agency_id, "background_check")}


def test_recheck_after_the_interval_and_new_persons_first(users: dict[str, Any]) -> None:
    term = terminal()
    _, old = register(term, 1)
    _, new = register(term, 2)
    BackgroundCheck.objects.create(id_number=old, result="clear", checked_at=utc_now() - dt.timedelta(days=400))
    _, recent = register(term, 3)
    BackgroundCheck.objects.create(id_number=recent, result="clear", checked_at=utc_now() - dt.timedelta(days=30))
    batch = actions.export_batch(users["police"], size=10)
    assert [(r.id_number, r.reason) for r in batch.requests.order_by("row_no")] == [(new, "new"), (old, "recheck")]


def test_a_result_by_hand_needs_its_reason(users: dict[str, Any]) -> None:
    _, _, numbers = _batch(users, 1)
    with pytest.raises(actions.CheckRefused):
        actions.enter_result(users["police"], numbers[0], "adverse", " ")
    actions.enter_result(users["police"], numbers[0], "adverse", "派出所电话答复")
    entry = CheckResultEntry.objects.get()
    assert (entry.source, entry.reason, entry.result) == ("manual", "派出所电话答复", "adverse")
    assert CheckRequest.objects.get().result == "adverse"
    assert _results(AGENCY_A) == {numbers[0]: "adverse"}


@pytest.mark.parametrize(("make", "message"), [
    (lambda data, n: b"", "文件是空的"),
    (lambda data, n: b"PK\x03\x04 not really a zip", "不是 Excel"),
    (lambda data, n: "批次号,序号\n".encode(), "不是 Excel"),
    (lambda data, n: sheet([], header=[]), "没有表格内容"),
    (lambda data, n: sheet([]), "没有数据行"),
    (lambda data, n: sheet([["x", 1, n[0], "a", "无异常"]], header=["batch", "id", "result"]), "列名"),
    (lambda data, n: b"\0" * (5 * 1024 * 1024 + 1), "超过 5 MB"),
])  # fmt: skip
def test_a_malformed_file_is_refused_whole(users: dict[str, Any], make: Any, message: str) -> None:
    _, data, numbers = _batch(users, 2)
    outcome = actions.read_results(users["police"], "bad.xlsx", make(data, numbers))
    assert outcome.refused and outcome.file_error is not None and message in outcome.file_error.message("zh")
    _nothing_changed()


def test_bad_rows_are_each_named_and_nothing_changes(users: dict[str, Any]) -> None:
    batch, data, numbers = _batch(users, 3)
    rows = rows_of(data)
    bad_check_digit = numbers[1][:-1] + ("0" if numbers[1][-1] != "0" else "1")
    outcome = actions.read_results(users["police"], "bad.xlsx", sheet([
        [batch.number, 1, numbers[0], rows[0][3], "无异常"],
        [batch.number, 2, bad_check_digit, rows[1][3], "无异常"],
        [batch.number, 3, numbers[0], rows[2][3], "无异常"],  # the first person again
        [batch.number, 4, numbers[2], rows[2][3], "可能吧"],
    ]))  # fmt: skip
    assert outcome.refused
    errors = {r.line: " ".join(e.zh for e in r.errors) for r in outcome.rows}
    assert errors[2] == "" and "校验位" in errors[3] and "第 2 行是同一人" in errors[4] and "无法识别" in errors[5]
    _nothing_changed()


def test_another_batch_in_one_file_is_refused(users: dict[str, Any]) -> None:
    batch, _data, numbers = _batch(users, 1)
    outcome = actions.read_results(users["police"], "bad.xlsx", sheet([[batch.number, 1, numbers[0], "", "无异常"],
                                                                       ["HC000000-01", 2, numbers[0], "", "无异常"]]))
    assert outcome.refused and all(r.errors for r in outcome.rows)
    _nothing_changed()


def _nothing_changed() -> None:
    assert not BackgroundCheck.objects.exists()
    assert not Decision.objects.filter(kind="background_check").exists()
    assert not CheckRequest.objects.exclude(result="").exists()


@pytest.mark.parametrize("role", ["staff", "regulator", "admin"])
def test_only_the_liaison_exports_and_imports(users: dict[str, Any], role: str) -> None:
    batch, data, numbers = _batch(users, 1)
    for act in (lambda: actions.export_batch(users[role]), lambda: actions.batch_file(users[role], batch.uid),
                lambda: actions.read_results(users[role], "r.xlsx", answered(data, ["无异常"])),
                lambda: actions.enter_result(users[role], numbers[0], "clear", "x")):  # fmt: skip
        with pytest.raises(RoleRefused):
            act()
    _nothing_changed()
