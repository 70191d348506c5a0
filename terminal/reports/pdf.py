"""Reports to PDF: A4, one table and bar chart per section, CJK font embedded."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from terminal.print.fonts import FontPair, font_pair
from terminal.reports.model import Report, Section

CJK_FONT_FILE = "DroidSansFallbackFull.ttf"


def _fonts() -> FontPair:
    return font_pair(CJK_FONT_FILE)


def _markup(text: object) -> str:
    """The CJK font has no Latin glyphs: set each run in the font that has it."""
    return "".join(f'<font face="{font}">{escape(run)}</font>' for font, run in _fonts().runs(str(text)))


def _chart(section: Section) -> Drawing:
    drawing = Drawing(170 * mm, 55 * mm, initialFontName=_fonts().latin)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 8 * mm, 150 * mm, 42 * mm
    chart.data = [[float(row[-1]) for row in section.rows]]
    chart.categoryAxis.categoryNames = [str(row[0]).split(" / ")[0] for row in section.rows]
    chart.categoryAxis.labels.fontName = _fonts().cjk
    chart.categoryAxis.labels.fontSize = 6
    chart.valueAxis.labels.fontName = _fonts().latin
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#1f4e79")
    drawing.add(chart)
    return drawing


def export_pdf(report: Report, target: Path, lang: str = "zh") -> None:
    font = _fonts().cjk
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=20)
    heading = ParagraphStyle("h", fontName=font, fontSize=12, leading=16, spaceBefore=8)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10)
    story: list[object] = [
        Paragraph(_markup(("DEMO " if report.demo else "") + report.agency), title),
        Paragraph(_markup(f"统计期间 / period: {report.period_from} — {report.period_to}"), body),
        Spacer(1, 4 * mm),
    ]
    for section in report.sections:
        story.append(Paragraph(_markup(section.title(lang)), heading))
        cells = [[Paragraph(_markup(v), cell) for v in row] for row in (section.columns, *section.rows)]
        table = Table(cells, repeatRows=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ]))  # fmt: skip
        story.append(table)
        if section.chart and section.rows:
            story.append(_chart(section))
    tmp = target.with_name(target.name + ".partial")
    SimpleDocTemplate(str(tmp), pagesize=A4, title=report.agency, leftMargin=15 * mm, rightMargin=15 * mm,
                      initialFontName=_fonts().latin).build(story)
    tmp.replace(target)
