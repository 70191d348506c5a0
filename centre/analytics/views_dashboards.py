"""The analysis dashboards in the console (/console/analytics/): industry statistics, trends, the peak and trough
outlook, supervision; the statistics as xlsx and the monthly supervision report as PDF and xlsx. Read-only pages
for centre administrators, staff and the regulator; figures are aggregates (no personal data) and every export
is audited."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from centre import audit
from centre.analytics import reports, resources, supervision, trends
from centre.analytics import statistics as st
from centre.analytics.dashboard_words import BY_WORDS, MEASURE_WORDS, word
from centre.analytics.dimensions import DISTRICT_NAMES
from centre.analytics.reading import before_reading
from centre.console import roles as r
from centre.console.export import XLSX, xlsx_response
from centre.console.views.common import lang

VIEW = (r.Role.ADMIN, r.Role.STAFF, r.Role.REGULATOR)
SERVICE_TYPES = ("hourly", "cleaning", "elderly", "infant", "maternity", "live_in", "cooking", "patient", "appliance",
                 "disabled")  # fmt: skip
CHART_MEASURES = ("contracts", "certified_workers")


def _slice(request: HttpRequest) -> st.Slice:
    get = request.GET
    return st.Slice(get.get("district") or None, get.get("service_type") or None, get.get("agency_id") or None)


def _month(request: HttpRequest, span: tuple[int, int] | None) -> int:
    text = request.GET.get("month", "").replace("-", "")
    if text.isdigit() and len(text) == 6 and 1 <= int(text) % 100 <= 12:
        return int(text)
    return span[1] if span else 0


def _by(request: HttpRequest) -> str:
    by = request.GET.get("by", "district")
    return by if by in BY_WORDS else "district"


def _ready() -> tuple[int, int] | None:
    before_reading()
    return st.month_range()


def _common(request: HttpRequest, span: tuple[int, int] | None) -> dict[str, Any]:
    where = _slice(request)
    language = lang()
    return {"where": where, "span": span, "service_types": SERVICE_TYPES, "lang": language,
            "measures": [(m, word(MEASURE_WORDS[m], language)) for m in st.MEASURES],
            "bys": [(b, word(w, language)) for b, w in BY_WORDS.items()],
            "districts": DISTRICT_NAMES,
            "query": request.GET.urlencode()}  # fmt: skip


def _statistics_rows(month: int, by: str, where: st.Slice) -> list[tuple[str, list[tuple[str, st.Figure]]]]:
    table = st.table(month, by, where)
    return [(key, [(m, figures[m]) for m in st.MEASURES]) for key, figures in sorted(table.items())]


@r.require_role(*VIEW)
def statistics_page(request: HttpRequest) -> HttpResponse:
    span = _ready()
    month, by, where = _month(request, span), _by(request), _slice(request)
    rows = _statistics_rows(month, by, where) if span else []
    language = lang()
    months = st.months_between(st.shift_month(month, -23), month) if span else []
    line = {"kind": "line", "x": [str(m) for m in months],
            "series": [{"name": word(MEASURE_WORDS[m], language), "data": [f.n for f in
                        st.series(m, where, months).get("", [st.Figure(0)] * len(months))]} for m in CHART_MEASURES]}  # fmt: skip
    bars = {"kind": "bar", "x": [k or "—" for k, _ in rows],
            "series": [{"name": word(MEASURE_WORDS[m], language), "data": [dict(f)[m].n for _, f in rows]}
                       for m in CHART_MEASURES]}  # fmt: skip
    return TemplateResponse(request, "analytics/dashboards/statistics.html", {
        **_common(request, span), "month": month, "by": by, "rows": rows, "line": line, "bars": bars,
    })  # fmt: skip


@r.require_role(*VIEW)
def statistics_export(request: HttpRequest) -> HttpResponse:
    span = _ready()
    month, by, where = _month(request, span), _by(request), _slice(request)
    language = lang()
    headers = [word(BY_WORDS[by], language)] + [word(MEASURE_WORDS[m], language) for m in st.MEASURES]
    rows = [[key or "—"] + [f.mean if m in ("evaluations", "complaints_resolved") else f.n for m, f in figures]
            for key, figures in _statistics_rows(month, by, where)]  # fmt: skip
    return xlsx_response(request.user, "statistics", f"statistics-{month}-{by}", headers, rows,
                         {"month": str(month), "by": by, **{k: str(v) for k, v in request.GET.items() if k not in ("month", "by")}})  # fmt: skip


@r.require_role(*VIEW)
def trends_page(request: HttpRequest) -> HttpResponse:
    span = _ready()
    measure = request.GET.get("measure", "contracts")
    measure = measure if measure in st.MEASURES else "contracts"
    where, by = _slice(request), _by(request)
    months = st.months_between(*span) if span else []
    found = trends.trend(measure, where, months)
    language = lang()
    name = word(MEASURE_WORDS[measure], language)
    series: list[dict[str, Any]] = [{"name": name, "data": found.values}]
    if found.trend is not None and found.seasonal is not None:
        series += [{"name": "趋势" if language != "en" else "trend", "data": found.trend, "dashed": True},
                   {"name": "季节" if language != "en" else "seasonal", "data": found.seasonal, "dashed": True}]  # fmt: skip
    movers = trends.movers(measure, by, where, months[-1]) if months else []
    return TemplateResponse(request, "analytics/dashboards/trends.html", {
        **_common(request, span), "measure": measure, "by": by, "found": found,
        "rows": list(zip(found.months, found.values, found.year_on_year, strict=True)),
        "chart": {"kind": "line", "x": [str(m) for m in months], "series": series}, "movers": movers,
    })  # fmt: skip


@r.require_role(*VIEW)
def outlook_page(request: HttpRequest) -> HttpResponse:
    before_reading()
    run = resources.outlook()
    payload = run.payload
    cells = payload["cells"]
    chosen_type = request.GET.get("service_type") or (payload["warnings"][0]["service_type"] if payload["warnings"]
                                                      else (cells[0]["service_type"] if cells else ""))  # fmt: skip
    chosen_district = request.GET.get("district") or (payload["warnings"][0]["district"] if payload["warnings"]
                                                      else (cells[0]["district"] if cells else ""))  # fmt: skip
    cell = next((c for c in cells if c["service_type"] == chosen_type and c["district"] == chosen_district), None)
    language = lang()
    chart = None
    if cell is not None:
        back = 52
        x = payload["history"][-back:] + payload["forecast_weeks"]
        pad = [None] * back
        chart = {"kind": "line", "x": x, "series": [
            {"name": "需求" if language != "en" else "demand", "data": cell["demand_history"][-back:] + [None] * 12},
            {"name": "供给" if language != "en" else "supply", "data": cell["supply_history"][-back:] + [None] * 12},
            {"name": "需求预测" if language != "en" else "demand forecast", "data": pad + cell["demand"]["values"], "dashed": True},
            {"name": "供给预测" if language != "en" else "supply forecast", "data": pad + cell["supply"]["values"], "dashed": True},
        ]}  # fmt: skip
    return TemplateResponse(request, "analytics/dashboards/outlook.html", {
        **_common(request, None), "run": run, "warnings": payload["warnings"], "cell": cell, "chart": chart,
        "chosen_type": chosen_type, "chosen_district": chosen_district,
    })  # fmt: skip


@r.require_role(*VIEW)
def supervision_page(request: HttpRequest) -> HttpResponse:
    span = _ready()
    month = _month(request, span)
    language = lang()
    dynamics = supervision.dynamics(month, st.Slice()) if span else []
    return TemplateResponse(request, "analytics/dashboards/supervision.html", {
        **_common(request, span), "month": month,
        "dynamics": [(word(MEASURE_WORDS[d.measure], language), d) for d in dynamics],
        "jumps": [(j, word(MEASURE_WORDS[j.measure], language)) for j in supervision.jumps(month)] if span else [],
        "movers": supervision.adverse_movers(100),
    })  # fmt: skip


@r.require_role(*VIEW)
def report_file(request: HttpRequest, kind: str) -> HttpResponse:
    span = _ready()
    month = _month(request, span)
    report = reports.gather(month, lang())
    if kind == "pdf":
        body, content_type = reports.pdf(report), "application/pdf"
    else:
        body, content_type = reports.xlsx(report), XLSX
    audit.record(request.user, "analytics.report", f"report:{month}", {"format": kind})
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="supervision-{month}.{kind}"'
    return response
