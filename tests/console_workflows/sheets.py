"""Result files as the population/criminal-record system would send them back, and malformed ones."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook

HEADER = ["批次号", "序号", "公民身份号码", "姓名", "核查结果", "备注"]


def answered(batch_file: bytes, results: Sequence[str]) -> bytes:
    """The exported batch with a result written into each row."""
    book = load_workbook(io.BytesIO(batch_file))
    sheet = book.active
    assert sheet is not None
    for row, result in zip(sheet.iter_rows(min_row=2), results, strict=True):
        row[4].value = result
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    if header:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_of(batch_file: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(batch_file))
    ws = book.active
    assert ws is not None
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
