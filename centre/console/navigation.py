"""The console's navigation: each link names the roles that may use it, the same tuples the views require, so a
role sees only what it may open. Other console apps add their links with `register_link` (in AppConfig.ready)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from centre.console import roles as r


@dataclass(frozen=True)
class NavLink:
    url_name: str
    label: str | Promise
    roles: Sequence[r.Role]
    order: int = 100


_LINKS: list[NavLink] = [
    NavLink("console:home", _("Home"), r.READ, 0),
    NavLink("console:search", _("Look-up"), r.READ, 10),
    NavLink("console:agencies", _("Agencies"), r.READ, 20),
    NavLink("console:terminals", _("Terminals"), r.VIEW_TERMINALS, 60),
    NavLink("console:staff", _("Staff accounts"), r.MANAGE_STAFF, 80),
    NavLink("console:audit", _("Audit log"), r.AUDIT_LOG, 90),
]


def register_link(link: NavLink) -> None:
    if all(existing.url_name != link.url_name for existing in _LINKS):
        _LINKS.append(link)


def links_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    shown = []
    for link in sorted(_LINKS, key=lambda item: item.order):
        if r.has_role(user, *link.roles):
            try:
                url = reverse(link.url_name)
            except NoReverseMatch:  # an app whose pages are not mounted in this build
                continue
            active = current_path == url if url.rstrip("/").endswith("console") else current_path.startswith(url)
            shown.append({"url": url, "label": link.label, "active": active})
    return shown
