"""Per-client rate limits and caching rules for the public pages (applied in centre/urls.py) and for enrolment,
the one unsigned route of the terminal API (applied in centre/terminals/api.py).

A client over its rate gets 429 with Retry-After (the seconds until its window ends), counted by django-ratelimit
per client address. The rates are settings (CENTRE_RATE_VERIFY, CENTRE_RATE_ENROL; docs/centre.md).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage

View = Callable[..., HttpResponse]

TOO_MANY = "请求过于频繁，请 {seconds} 秒后再试。\nToo many requests: try again in {seconds} s.\n"


def rate_limited(group: str, rate_setting: str) -> Callable[[View], View]:
    """Count each request against the client's rate in `settings.<rate_setting>`; over it, answer 429."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            rate = getattr(settings, rate_setting)
            usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
            if usage is not None and usage["should_limit"]:
                return _too_many(max(1, math.ceil(usage["time_left"])))
            return view(request, *args, **kwargs)

        return limited

    return decorate


def _too_many(seconds: int) -> HttpResponse:
    response = HttpResponse(TOO_MANY.format(seconds=seconds), status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


def public_status_page(group: str, rate_setting: str) -> Callable[[View], View]:
    """A public status page: rate-limited per client, and never stored by a browser or proxy (a revoked credential
    must not show the 有效 someone's phone kept from yesterday). The 429 is not stored either."""

    def decorate(view: View) -> View:
        return never_cache(rate_limited(group, rate_setting)(view))

    return decorate
