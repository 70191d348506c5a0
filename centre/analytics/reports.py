"""The monthly supervision report (行业监管月报) as PDF (reportlab, its charts drawn with reportlab's own graphics)
and as xlsx (openpyxl): the month's figures by district, the trend of the key measures over two years, the
anomaly flags and the 12-week outlook's warnings. One language at a time (Chinese first); the PDF uses the CID
font STSong-Light every PDF reader has, so no font file needs to ship."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from centre.analytics import resources, supervision, trends
from centre.analytics import statistics as st
from centre.analytics.dashboard_words import MEASURE_WORDS, word
from centre.console.export import safe_cell

FONT = "STSong-Light"


@dataclass
class Report:
    month: int
    lang: str
    dynamics: list[supervision.Dynamic]
    by_district: dict[str, dict[str, st.Figure]]
    months: list[int]
    series: dict[str, list[float]]
    jumps: list[supervision.Jump]
    movers: list[supervision.AdverseMover]
    warnings: list[dict[str, Any]]


def gather(month: int, lang: str) -> Report:
    st.ensure_built()
    months = st.months_between(st.shift_month(month, -23), month)
    series = {m: trends.trend(m, st.Slice(), months).values for m in ("contracts", "certified_workers", "complaints")}
    outlook = resources.outlook()
    return Report(month, lang, supervision.dynamics(month, st.Slice()), st.table(month, "district", st.Slice()),
                  months, series, supervision.jumps(month), supervision.adverse_movers(50),
                  outlook.payload["warnings"][:30])  # fmt: skip


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def title(report: Report) -> str:
    y, m = divmod(report.month, 100)
    return _t(report.lang, f"上海市家政服务行业监管月报 · {y}年{m}月", f"Shanghai home-service supervision report · {y}-{m:02d}")


TABLE_MEASURES = ("certified_workers", "active_credentials", "registrations", "contracts", "complaints", "revocations")


def xlsx(report: Report) -> bytes:
    lang = report.lang
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _t(lang, "动态数据", "Figures")
    sheet.append([title(report)])
    sheet.append([_t(lang, "指标", "Measure"), _t(lang, "本月", "This month"), _t(lang, "上月", "Month before"),
                  _t(lang, "去年同月", "Year before")])  # fmt: skip
    for d in report.dynamics:
        sheet.append([word(MEASURE_WORDS[d.measure], lang), d.now, d.month_before, d.year_before])
    districts = book.create_sheet(_t(lang, "分区统计", "By district"))
    districts.append([_t(lang, "区", "District")] + [word(MEASURE_WORDS[m], lang) for m in TABLE_MEASURES])
    for key, figures in sorted(report.by_district.items()):
        districts.append([safe_cell(key or "—")] + [figures[m].n for m in TABLE_MEASURES])
    trend = book.create_sheet(_t(lang, "趋势", "Trends"))
    trend.append([_t(lang, "月份", "Month")] + [word(MEASURE_WORDS[m], lang) for m in report.series])
    for i, month in enumerate(report.months):
        trend.append([month] + [values[i] for values in report.series.values()])
    flags = book.create_sheet(_t(lang, "异常提示", "Anomalies"))
    flags.append([_t(lang, "机构", "Agency"), _t(lang, "区", "District"), _t(lang, "指标", "Measure"),
                  _t(lang, "本月", "This month"), _t(lang, "前六个月月均", "Mean of six months before")])  # fmt: skip
    for j in report.jumps:
        flags.append([safe_cell(j.agency_id), safe_cell(j.district), word(MEASURE_WORDS[j.measure], lang), j.n, j.baseline])
    flags.append([])
    flags.append([_t(lang, "从业人员（新编号）", "Worker (new uid)"), _t(lang, "原编号", "Previous uid"),
                  _t(lang, "转出机构", "From agency"), _t(lang, "转入机构", "To agency"), _t(lang, "日期", "On"),
                  _t(lang, "不良记录", "Adverse records")])  # fmt: skip
    for mv in report.movers:
        flags.append([safe_cell(mv.worker_uid), safe_cell(mv.previous_worker_uid), safe_cell(mv.from_agency_id),
                      safe_cell(mv.to_agency_id), mv.on, mv.adverse])  # fmt: skip
    warn = book.create_sheet(_t(lang, "高峰低谷预警", "Peak and trough"))
    warn.append([_t(lang, "类型", "Kind"), _t(lang, "服务类型", "Service"), _t(lang, "区", "District"),
                 _t(lang, "周", "Weeks"), _t(lang, "缺口", "Gap"), _t(lang, "需求预测误差", "Demand WAPE"),
                 _t(lang, "供给预测误差", "Supply WAPE")])  # fmt: skip
    for w in report.warnings:
        warn.append([_t(lang, "高峰", "peak") if w["kind"] == "peak" else _t(lang, "低谷", "trough"), w["service_type"],
                     safe_cell(w["district"]), ", ".join(w["weeks"]), w["gap"], w["demand_wape"], w["supply_wape"]])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf(report: Report) -> bytes:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    lang = report.lang
    h1 = ParagraphStyle("h1", fontName=FONT, fontSize=16, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=FONT, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13)
    grid = TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))])  # fmt: skip

    def table(rows: list[list[Any]]) -> Table:
        return Table([[str(c) for c in row] for row in rows], style=grid, repeatRows=1)

    story: list[Any] = [Paragraph(title(report), h1)]
    story.append(Paragraph(_t(lang, "一、动态数据", "1. Figures"), h2))
    story.append(table([[_t(lang, "指标", "Measure"), _t(lang, "本月", "This month"), _t(lang, "上月", "Month before"),
                         _t(lang, "去年同月", "Year before")]] +
                       [[word(MEASURE_WORDS[d.measure], lang), _num(d.now), _num(d.month_before), _num(d.year_before)]
                        for d in report.dynamics]))  # fmt: skip
    story.append(Paragraph(_t(lang, "二、近两年趋势", "2. Two years of trends"), h2))
    chart = Drawing(170 * mm, 60 * mm)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 12 * mm, 8 * mm, 150 * mm, 48 * mm
    plot.data = [[(i, v) for i, v in enumerate(values)] for values in report.series.values()]
    palette = [colors.HexColor("#1f5fa8"), colors.HexColor("#2f9e44"), colors.HexColor("#c92a2a")]
    for i in range(len(plot.data)):
        plot.lines[i].strokeColor = palette[i % 3]
        plot.lines[i].strokeWidth = 1.2
    plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = FONT
    chart.add(plot)
    for i, measure in enumerate(report.series):
        chart.add(String(14 * mm + i * 50 * mm, 57 * mm, word(MEASURE_WORDS[measure], lang), fontName=FONT,
                         fontSize=8, fillColor=palette[i % 3]))  # fmt: skip
    story.append(chart)
    story.append(Paragraph(_t(lang, f"横轴：自 {report.months[0]} 起的月份", f"Across: months from {report.months[0]}"), body))
    story.append(Paragraph(_t(lang, "三、分区统计", "3. By district"), h2))
    rows = sorted(report.by_district.items())
    bars = Drawing(170 * mm, 55 * mm)
    bar = VerticalBarChart()
    bar.x, bar.y, bar.width, bar.height = 12 * mm, 12 * mm, 150 * mm, 40 * mm
    bar.data = [[figures["contracts"].n for _, figures in rows] or [0]]
    bar.categoryAxis.categoryNames = [(k or "—")[:3] for k, _ in rows] or ["—"]
    bar.categoryAxis.labels.fontName = bar.valueAxis.labels.fontName = FONT
    bar.categoryAxis.labels.fontSize = 6
    bar.bars[0].fillColor = palette[0]
    bars.add(bar)
    bars.add(String(14 * mm, 53 * mm, _t(lang, "本月合同数（按区）", "Contracts this month, by district"), fontName=FONT,
                    fontSize=8))  # fmt: skip
    story.append(bars)
    story.append(table([[_t(lang, "区", "District")] + [word(MEASURE_WORDS[m], lang) for m in TABLE_MEASURES]] +
                       [[k or "—"] + [f[m].n for m in TABLE_MEASURES] for k, f in rows]))  # fmt: skip
    story.append(Paragraph(_t(lang, "四、异常提示", "4. Anomalies"), h2))
    if report.jumps:
        story.append(table([[_t(lang, "机构", "Agency"), _t(lang, "区", "District"), _t(lang, "指标", "Measure"),
                             _t(lang, "本月", "This month"), _t(lang, "前六个月月均", "Six-month mean")]] +
                           [[j.agency_id, j.district, word(MEASURE_WORDS[j.measure], lang), j.n, j.baseline]
                            for j in report.jumps]))  # fmt: skip
    else:
        story.append(Paragraph(_t(lang, "本月没有投诉或吊销骤增的机构。", "No agency's complaints or revocations jumped."), body))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(_t(lang, f"有不良记录并更换机构的从业人员：{len(report.movers)} 人",
                              f"Workers with adverse records who changed agency: {len(report.movers)}"), body))  # fmt: skip
    if report.movers:
        story.append(table([[_t(lang, "从业人员", "Worker"), _t(lang, "转出", "From"), _t(lang, "转入", "To"),
                             _t(lang, "日期", "On"), _t(lang, "不良记录", "Adverse")]] +
                           [[m.worker_uid[:12], m.from_agency_id, m.to_agency_id, m.on, m.adverse]
                            for m in report.movers[:20]]))  # fmt: skip
    story.append(Paragraph(_t(lang, "五、高峰低谷预警（未来12周）", "5. Peaks and troughs (next 12 weeks)"), h2))
    if report.warnings:
        story.append(table([[_t(lang, "类型", "Kind"), _t(lang, "服务", "Service"), _t(lang, "区", "District"),
                             _t(lang, "周", "Weeks"), _t(lang, "缺口", "Gap"), _t(lang, "预测误差", "WAPE")]] +
                           [[_t(lang, "高峰", "peak") if w["kind"] == "peak" else _t(lang, "低谷", "trough"),
                             w["service_type"], w["district"], f"{w['weeks'][0]} … ({len(w['weeks'])})", w["gap"],
                             "—" if w["demand_wape"] is None else f"{w['demand_wape']:.0%}"]
                            for w in report.warnings[:20]]))  # fmt: skip
    else:
        story.append(Paragraph(_t(lang, "未来12周没有预警。", "No warnings for the next 12 weeks."), body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title(report), leftMargin=15 * mm, rightMargin=15 * mm,
                      topMargin=15 * mm, bottomMargin=15 * mm).build(story)  # fmt: skip
    return out.getvalue()


def _num(value: float) -> str:
    return f"{value:.2f}" if value != int(value) else str(int(value))
