"""Any console list as an xlsx file (openpyxl, write-only so a long list streams row by row into the file).
The file holds what the page shows (masked where the page masks) and its export is audited."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from centre import audit

MAX_ROWS = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is kept as text: data from agencies is not
    trusted to be harmless."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            break
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(user: Any, list_name: str, filename: str, headers: Sequence[str],
                  rows: Iterable[Sequence[Any]], filters: dict[str, str]) -> HttpResponse:  # fmt: skip
    body = workbook_bytes(list_name, headers, rows)
    audit.record(user, "list.export", f"list:{list_name}", {"filters": filters})
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_url(request: HttpRequest) -> str:
    """The address of the list on screen (its filters, not its page) as an xlsx file."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("verify", None)
    params["format"] = "xlsx"
    name = request.resolver_match.view_name if request.resolver_match else "console:search"
    return f"{reverse(name)}?{params.urlencode()}"
