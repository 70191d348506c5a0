"""The police-check spreadsheets, free of Django: the batch the centre sends (one row per person) and the result
file that comes back, read with every row checked. A file is taken whole or not at all: any error refuses it, and
each error names its row.

Columns (the header row, in Chinese or English):
    批次号 batch · 序号 row · 公民身份号码 id_number · 姓名 name · 核查结果 result · 备注 note
Results: 无异常/通过/clear · 有异常/不通过/adverse · 待查/pending.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from wirecontract.errors import ExplainedError, Text

COLUMNS = ("batch", "row", "id_number", "name", "result", "note")
HEADERS_ZH = ("批次号", "序号", "公民身份号码", "姓名", "核查结果", "备注")
MAX_FILE_BYTES = 5 * 1024 * 1024  # a result file of 10,000 rows is about 400 KB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an xlsx is a zip: refuse one that unpacks to more (a zip bomb)
MAX_ROWS = 10_000
RESULT_WORDS = {
    "无异常": "clear", "通过": "clear", "正常": "clear", "clear": "clear",
    "有异常": "adverse", "不通过": "adverse", "异常": "adverse", "adverse": "adverse",
    "待查": "pending", "待定": "pending", "pending": "pending",
}  # fmt: skip
RESULT_TEXT = {"clear": Text("无异常", "clear"), "adverse": Text("有异常", "adverse"), "pending": Text("待查", "pending")}


@dataclass(frozen=True)
class SheetRow:
    batch: str
    id_number: str
    name: str


def batch_workbook(rows: Sequence[SheetRow]) -> bytes:
    """The file sent for checking: the header and one row per person, result and note left for the answer."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "核查名单"
    sheet.append(list(HEADERS_ZH))
    for number, row in enumerate(rows, start=1):
        sheet.append([row.batch, number, row.id_number, row.name, "", ""])
    for column, width in zip("ABCDEF", (14, 6, 22, 12, 10, 24), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SheetRefused(ExplainedError):
    """The file as a whole cannot be read as a result file."""

    code = "result_file_refused"
    zh_template = "结果文件不能导入：{why}"
    en_template = "The result file cannot be imported: {why}"


@dataclass
class ResultRow:
    line: int  # the row in the spreadsheet (the header is 1)
    batch: str
    row_no: str
    id_number: str
    name: str
    result: str  # clear | adverse | pending, or "" when unreadable
    note: str
    errors: list[Text] = field(default_factory=list)


def read_result_file(data: bytes) -> list[ResultRow]:
    """Every data row with what is wrong with it (the caller checks them against the batch). SheetRefused when the
    file is not an xlsx result file at all: too large, not a spreadsheet, no or wrong header, no rows."""
    if not data:
        raise SheetRefused(why=Text("文件是空的", "the file is empty"))
    if len(data) > MAX_FILE_BYTES:
        raise SheetRefused(why=Text(f"文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB", f"the file is over "
                                    f"{MAX_FILE_BYTES // 1024 // 1024} MB"))  # fmt: skip
    sheet_rows = _rows(data)
    if not sheet_rows:
        raise SheetRefused(why=Text("文件里没有表格内容", "the spreadsheet holds nothing"))
    header = [str(cell or "").strip() for cell in sheet_rows[0]]
    while header and not header[-1]:
        header.pop()
    if tuple(header) not in (HEADERS_ZH, COLUMNS):
        raise SheetRefused(why=Text("第 1 行的列名应为：" + "、".join(HEADERS_ZH) + f"（实为：{'、'.join(header) or '空'}）",
                                    "row 1 must name the columns " + ", ".join(COLUMNS) +
                                    f" (it has: {', '.join(header) or 'nothing'})"))  # fmt: skip
    body = [(line, row) for line, row in enumerate(sheet_rows[1:], start=2) if any(_cell(c) for c in row)]
    if not body:
        raise SheetRefused(why=Text("除列名外没有数据行", "there are no rows under the header"))
    if len(body) > MAX_ROWS:
        raise SheetRefused(why=Text(f"超过 {MAX_ROWS} 行，请分批", f"over {MAX_ROWS} rows: split it"))
    return [_result_row(line, row) for line, row in body]


def _rows(data: bytes) -> list[tuple[object, ...]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise SheetRefused(why=Text("文件解压后过大", "the file unpacks to too much"))
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as error:
        raise SheetRefused(why=Text("这不是 Excel（.xlsx）文件", "it is not an Excel (.xlsx) file")) from error
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return []
        rows: list[tuple[object, ...]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a cell Excel keeps as a float
    return str(value).strip()


def _result_row(line: int, row: tuple[object, ...]) -> ResultRow:
    cells = [_cell(c) for c in (*row, *([None] * len(COLUMNS)))[: len(COLUMNS)]]
    batch, row_no, number, name, word, note = cells
    found = ResultRow(line, batch, row_no, number, name, RESULT_WORDS.get(word.lower() if word.isascii() else word, ""),
                      note)  # fmt: skip
    if not word:
        found.errors.append(Text("未填核查结果", "no result"))
    elif not found.result:
        found.errors.append(Text(f"核查结果“{word}”无法识别（应为 无异常、有异常 或 待查）",
                                 f"the result '{word}' is not one of clear, adverse, pending"))  # fmt: skip
    return found
