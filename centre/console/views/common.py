"""What every console view shares: showing a typed refusal in the reader's language."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import get_language

from wirecontract.errors import ExplainedError


def lang() -> str:
    return get_language() or "zh-hans"


def tell_error(request: HttpRequest, error: ExplainedError) -> None:
    messages.error(request, error.message(lang()))
