"""A police-check result file against the batch it names: a person the batch does not hold at that row (someone
registered, someone not registered at all, the right person at another's row) refuses the file; two previews of
one batch cannot both be applied, so a stale preview never overwrites results already applied."""

from __future__ import annotations

from typing import Any

import pytest

from centre.policecheck import actions
from centre.sync.models import BackgroundCheck
from tests.console_workflows.centre_data import register, terminal
from tests.console_workflows.sheets import answered, rows_of, sheet


def test_a_file_naming_people_outside_the_batch_changes_nothing(users: dict[str, Any]) -> None:
    term = terminal()
    inside = [register(term, i)[1] for i in (21, 22)]
    batch = actions.export_batch(users["police"], size=2)
    _, outsider = register(term, 23)  # registered after the batch was made
    stranger = "110101199003077774"  # a valid number nobody registered
    for row_no, number in ((1, outsider), (2, stranger), (1, inside[1])):
        rows = [[batch.number, 1, inside[0], "", "无异常"], [batch.number, 2, inside[1], "", "无异常"]]
        rows[row_no - 1] = [batch.number, row_no, number, "", "有异常"]
        outcome = actions.read_results(users["police"], "结果.xlsx", sheet(rows))
        assert outcome.refused and [e.en for e in outcome.rows[row_no - 1].errors] == [
            "this person is not at this row of the batch"
        ], number
    assert not BackgroundCheck.objects.exists()


def test_a_stale_preview_cannot_overwrite_applied_results(users: dict[str, Any]) -> None:
    term = terminal()
    register(term, 24)
    batch = actions.export_batch(users["police"], size=1)
    _, data = actions.batch_file(users["police"], batch.uid)
    first = actions.read_results(users["police"], "a.xlsx", answered(data, ["有异常"]))
    second = actions.read_results(users["police"], "b.xlsx", answered(data, ["无异常"]))  # previewed before either
    assert first.run is not None and second.run is not None and rows_of(data)
    actions.apply_results(users["police"], first.run.uid)
    with pytest.raises(actions.CheckRefused):
        actions.apply_results(users["police"], second.run.uid)
    assert list(BackgroundCheck.objects.values_list("result", flat=True)) == ["adverse"]
