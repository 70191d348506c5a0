"""Rate limits of the consumer pages' writes: per client (address) and per slip code or credential, so one phone
cannot flood the agency with evaluations and many phones cannot hammer one code. Counted by django-ratelimit in
the same cache as the verification page's limit (centre/ratelimits.py). Rates: settings CENTRE_RATE_PUBLIC_WRITE
(per client) and CENTRE_RATE_PER_CODE (per code), with the defaults below."""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

PER_CLIENT = "30/h"
PER_CODE = "10/h"


def seconds_to_wait(request: HttpRequest, group: str, code: str) -> int | None:
    """Count one write; the seconds until the client may write again when it is over either rate, else None."""
    per_client = getattr(settings, "CENTRE_RATE_PUBLIC_WRITE", PER_CLIENT)
    per_code = getattr(settings, "CENTRE_RATE_PER_CODE", PER_CODE)
    for key, rate in (("ip", per_client), (lambda _group, _request: code, per_code)):
        usage = get_usage(
            request, group=f"{group}:{'ip' if key == 'ip' else 'code'}", key=key, rate=rate, increment=True
        )
        if usage is not None and usage["should_limit"]:
            return max(1, math.ceil(float(usage["time_left"])))
    return None
