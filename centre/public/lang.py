"""The public pages' language: Chinese unless the person switched to English (?lang=en, then kept in a cookie).
One language at a time."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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


def render_page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """A consumer page in the person's language, with its words (centre/public/texts.py) as `t`."""
    from centre.public.texts import PAGES

    lang = page_lang(request)
    full = {"lang": lang, "other_lang": other(lang), "t": PAGES[lang], "switch_href": switch_href(request, lang),
            **context}  # fmt: skip
    return keep_lang(request, render(request, template, full, status=status))


def switch_href(request: HttpRequest, lang: str, keep: dict[str, str] | None = None) -> str:
    """The language switch's link: this page's own query (a complaint's source, a reference) with the other
    language, so switching never loses what the page was about."""
    query = {**request.GET.dict(), **(keep or {}), "lang": other(lang)}
    return "?" + urlencode(query)
