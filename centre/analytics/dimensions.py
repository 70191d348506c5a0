"""The dimensions every figure is cut by: month, district, service type, agency. Django-free.

Months are integers yyyymm (202502) so a range of months is a range of integers and an index on
(month, district, service_type, agency_id) answers any slice of the cube."""

from __future__ import annotations

import datetime as dt

# Shanghai's 16 districts (上海市辖区), in the city's own order; the code is stable, the name is what agencies type.
DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("huangpu", "黄浦区", "Huangpu"),
    ("xuhui", "徐汇区", "Xuhui"),
    ("changning", "长宁区", "Changning"),
    ("jingan", "静安区", "Jing'an"),
    ("putuo", "普陀区", "Putuo"),
    ("hongkou", "虹口区", "Hongkou"),
    ("yangpu", "杨浦区", "Yangpu"),
    ("minhang", "闵行区", "Minhang"),
    ("baoshan", "宝山区", "Baoshan"),
    ("jiading", "嘉定区", "Jiading"),
    ("pudong", "浦东新区", "Pudong"),
    ("jinshan", "金山区", "Jinshan"),
    ("songjiang", "松江区", "Songjiang"),
    ("qingpu", "青浦区", "Qingpu"),
    ("fengxian", "奉贤区", "Fengxian"),
    ("chongming", "崇明区", "Chongming"),
)
DISTRICT_NAMES = tuple(name for _, name, _ in DISTRICTS)
UNKNOWN_DISTRICT = ""

# Which districts border which (for connecting supply and demand "in or near" a district).
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "黄浦区": ("徐汇区", "静安区", "虹口区", "浦东新区"),
    "徐汇区": ("黄浦区", "长宁区", "静安区", "闵行区", "浦东新区"),
    "长宁区": ("徐汇区", "静安区", "普陀区", "闵行区"),
    "静安区": ("黄浦区", "徐汇区", "长宁区", "普陀区", "虹口区", "宝山区"),
    "普陀区": ("长宁区", "静安区", "宝山区", "嘉定区", "闵行区"),
    "虹口区": ("黄浦区", "静安区", "杨浦区", "宝山区"),
    "杨浦区": ("虹口区", "宝山区", "浦东新区"),
    "闵行区": ("徐汇区", "长宁区", "普陀区", "嘉定区", "松江区", "奉贤区", "浦东新区", "青浦区"),
    "宝山区": ("静安区", "普陀区", "虹口区", "杨浦区", "嘉定区"),
    "嘉定区": ("普陀区", "宝山区", "闵行区", "青浦区"),
    "浦东新区": ("黄浦区", "徐汇区", "杨浦区", "闵行区", "奉贤区"),
    "金山区": ("松江区", "奉贤区"),
    "松江区": ("闵行区", "青浦区", "金山区", "奉贤区"),
    "青浦区": ("闵行区", "嘉定区", "松江区"),
    "奉贤区": ("闵行区", "浦东新区", "松江区", "金山区"),
    "崇明区": ("宝山区", "浦东新区"),
}


def district_of(text: object) -> str:
    """A district as the centre counts it: the city's name for it when the text names one (浦东, 浦东新区,
    pudong), else the text itself trimmed (kept, so nothing typed is lost from the counts)."""
    value = str(text or "").strip()
    if not value:
        return UNKNOWN_DISTRICT
    lowered = value.lower()
    for code, name, english in DISTRICTS:
        short = name.removesuffix("新区").removesuffix("区")
        if value in (name, short) or lowered in (code, english.lower()):
            return name
    return value[:32]


def month_of(day: dt.date | None) -> int | None:
    return day.year * 100 + day.month if day else None


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts the ISO week of `day` (weekly demand is counted by it)."""
    return day - dt.timedelta(days=day.weekday())


def parse_day(text: object) -> dt.date | None:
    """A date from what a terminal or the centre wrote (2025-02-03, or an ISO time whose date in Shanghai
    counts); None for anything else."""
    if isinstance(text, dt.datetime):
        return _shanghai_date(text)
    if isinstance(text, dt.date):
        return text
    value = str(text or "").strip()
    if len(value) < 10:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return _shanghai_date(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def _shanghai_date(moment: dt.datetime) -> dt.date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI).date()
