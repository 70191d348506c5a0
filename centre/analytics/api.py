"""The competent authority's read-only API (django-ninja) under /api/, with its own tokens
(authority_tokens.py: `Authorization: Bearer hsa_…`; 401 without one) and its own OpenAPI document
(/api/openapi.json; docs/authority-openapi.json, `python -m centre.analytics.openapi`).

`router` carries the routes; statistics, trends and warnings add their own routers to `authority_api` beside
the credit grades here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from centre.analytics import api_figures, credit_views
from centre.analytics.authority_tokens import AuthorityBearer
from centre.analytics.facts import refresh

authority_api = NinjaAPI(
    title="上门服务证 centre: authority API (主管部门接口)",
    version="1.0",
    description="Read-only figures for the competent authority: credit grades with their reasons (docs/analytics.md). "
                "Every route needs `Authorization: Bearer <token>` from `terminal-server token add --role regulator`.",
    urls_namespace="authority-api",
    auth=AuthorityBearer(),
    docs_url="/docs" if settings.API_DOCS else None,
    openapi_url="/openapi.json",
)  # fmt: skip
router = Router(tags=["credit"])


class ErrorOut(Schema):
    code: str
    message: str


class Contribution(Schema):
    code: str
    zh: str
    en: str
    points: float
    detail: str


class GradeOut(Schema):
    subject: str
    subject_id: str
    agency_id: str
    district: str
    grade: str
    score: float
    listed: str
    rule_version: int
    as_of: str
    contributions: list[Contribution]


class ChangeOut(Schema):
    previous: str
    grade: str
    score: float
    rule_version: int
    at: str


class GradeDetail(GradeOut):
    history: list[ChangeOut]


class GradePage(Schema):
    grades: list[GradeOut]
    next_after: str | None


class GradeQuery(Schema):
    district: str | None = None
    grade: str | None = None
    agency_id: str | None = None
    after: str | None = None
    limit: int = 100


class ListEntryOut(Schema):
    subject: str
    subject_id: str
    agency_id: str
    kind: str
    reason: str
    listed_at: str | None


ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _page(subject: str, query: GradeQuery) -> dict[str, Any]:
    if not 1 <= query.limit <= 1000:
        raise HttpError(422, "limit is 1 to 1000")
    refresh()  # what the centre decided since the last push (complaints closed, checks, lists) first
    rows = credit_views.grades(subject, district=query.district, grade=query.grade, agency_id=query.agency_id,
                               after=query.after or "", limit=query.limit + 1)  # fmt: skip
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return {"grades": [credit_views.grade_json(g) for g in rows], "next_after": rows[-1].subject_id if more else None}


@router.get("/credit/agencies", response={200: GradePage, **ERRORS})
def agency_grades(request: HttpRequest, query: Query[GradeQuery]) -> dict[str, Any]:
    """Agencies' grades (5A…A) with every contribution, by credit code; `after` pages on."""
    return _page("agency", query)


@router.get("/credit/workers", response={200: GradePage, **ERRORS})
def worker_grades(request: HttpRequest, query: Query[GradeQuery]) -> dict[str, Any]:
    """Workers' grades (5…1 stars) with every contribution, by worker uid (no names or ID numbers)."""
    return _page("worker", query)


@router.get("/credit/{subject}/{subject_id}", response={200: GradeDetail, **ERRORS})
def one_grade(request: HttpRequest, subject: str, subject_id: str) -> dict[str, Any]:
    """One worker's (`workers/<uid>`) or agency's (`agencies/<credit code>`) grade, contributions and history."""
    refresh()
    kinds = {"workers": "worker", "agencies": "agency"}
    found = credit_views.detail(kinds.get(subject, ""), subject_id) if subject in kinds else None
    if found is None:
        raise HttpError(404, "not graded")
    grade, history = found
    return {**credit_views.grade_json(grade), "history": [credit_views.change_json(c) for c in history]}


@router.get("/credit/lists", response={200: list[ListEntryOut], **ERRORS})
def lists_in_force(request: HttpRequest) -> list[dict[str, Any]]:
    """The red and black lists in force (approved, not removed)."""
    return [credit_views.list_entry_json(e) for e in credit_views.in_force()]


authority_api.add_router("", router)
authority_api.add_router("", api_figures.router)  # statistics, trends, the outlook (api_figures.py)


def _error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return authority_api.create_response(request, {"code": code, "message": message}, status=status)


@authority_api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "unauthorized", "a token from `terminal-server token add --role regulator` is needed")
    response["WWW-Authenticate"] = "Bearer"
    return response


@authority_api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "not_found" if exc.status_code == 404 else "bad_request", str(exc))


@authority_api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return _error(request, 422, "bad_request", f"invalid request at {where}")
