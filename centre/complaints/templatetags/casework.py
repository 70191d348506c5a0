"""`{% tr "中文" "English" %}`: the console's casework pages say each thing in the reader's language only (Chinese
first, English when chosen), with both halves side by side in the template where a translator can see them."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise, lazy
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def tr(zh: str, en: str) -> str:
    return en if (get_language() or "zh").startswith("en") else zh



def lazy_text(zh: str, en: str) -> Promise:
    """A navigation label said in the language of the request that shows it."""
    return lazy(tr, str)(zh, en)  # type: ignore[return-value]  # lazy() returns a Promise at run time
