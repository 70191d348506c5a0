"""Template helpers for the console: navigation, roles, masking and local times."""

from __future__ import annotations

from typing import Any

from django import template

from centre.console import navigation
from centre.console import roles as r

register = template.Library()


@register.simple_tag(takes_context=True)
def console_links(context: Any) -> list[dict[str, Any]]:
    request = context.get("request")
    if request is None:
        return []
    return navigation.links_for(request.user, request.path)


@register.simple_tag(takes_context=True)
def console_role_labels(context: Any) -> str:
    request = context.get("request")
    if request is None:
        return ""
    return "、".join(role.label for role in r.Role if role in r.roles_of(request.user))


@register.simple_tag(takes_context=True)
def may(context: Any, permission: str) -> bool:
    """`{% may "MANAGE_AGENCIES" as can_admit %}`: whether the user's roles allow a named permission."""
    request = context.get("request")
    roles = getattr(r, permission)
    return request is not None and r.has_role(request.user, *roles)


@register.filter
def say(value: Any) -> Any:
    """A Text (both languages) in the reader's language; anything else as it is."""
    from django.utils.translation import get_language

    from wirecontract.errors import Text

    return value.in_lang(get_language() or "zh") if isinstance(value, Text) else value


@register.filter
def field_name(name: str) -> str:
    from django.utils.translation import get_language

    from centre.console.trace_words import field_text

    return field_text(name).in_lang(get_language() or "zh")


@register.filter
def masked_id(number: str) -> str:
    from wirecontract.idnumber import mask

    return mask(number) if number else ""


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """`{{ names|get:agency_id }}`: a dictionary's value, or the key itself when absent."""
    return mapping.get(key, key) if hasattr(mapping, "get") else key


@register.filter
def state_say(value: str) -> str:
    """A state or admission code (issued, suspended, admitted…) in the reader's language."""
    from django.utils.translation import get_language

    from centre.console.admission_rules import Admission
    from centre.console.trace_words import STATE, state_text

    text = Admission(value).text if value in set(Admission) and value not in STATE else state_text(value)
    return text.in_lang(get_language() or "zh")


@register.filter
def show(value: Any, key: str = "") -> str:
    """A record's value as a reader wants it: yes/no, lists joined, times local to the minute, states in words."""
    from django.utils import timezone
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from centre.console.times import parse_time
    from centre.console.trace_words import STATE

    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "、".join(str(show(v)) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{field_name(str(k))}: {show(v)}" for k, v in value.items())
    if isinstance(value, str):
        if value in STATE:
            return STATE[value].in_lang(get_language() or "zh")
        if len(value) > 10 and value[4:5] == "-" and "T" in value and (moment := parse_time(value)) is not None:
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    return str(value)[:200]


@register.filter
def integrity_category(code: str) -> str:
    """An integrity record's category in words (centre/integrity's table), or the code itself."""
    from django.apps import apps
    from django.utils.translation import get_language

    if not apps.is_installed("centre.integrity"):
        return code
    from centre.integrity.rules import CATEGORIES

    found = CATEGORIES.get(code)
    return found[1].in_lang(get_language() or "zh") if found else code
