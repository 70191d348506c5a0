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
