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
