"""The public pages' language: Chinese unless the person switched to English (?lang=en, then kept in a cookie).
One language at a time."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

COOKIE = "lang"
LANGS = ("zh", "en")


def page_lang(request: HttpRequest) -> str:
    asked = request.GET.get("lang") or request.COOKIES.get(COOKIE) or "zh"
    return asked if asked in LANGS else "zh"


def keep_lang(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    asked = request.GET.get("lang")
    if asked in LANGS:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"
