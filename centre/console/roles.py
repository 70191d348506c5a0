"""Console roles as Django auth Groups (created by migration 0001_roles), and the checks every view and use case
makes on the server: hidden links are a courtesy, these are the rule.

- `require_role(*roles)` wraps a view: anonymous → the sign-in page; signed in without the role → 403.
- `check_role(user, *roles)` for use cases: raises RoleRefused.
- An account with a confirmed TOTP device must have passed it in this session (django-otp), however it signed in.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from centre.console.errors import RoleRefused
from wirecontract.errors import Text


class Role(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    POLICE = "police"
    REGULATOR = "regulator"

    @property
    def text(self) -> Text:
        return _ROLE_TEXT[self]

    @property
    def label(self) -> str:
        return str(_ROLE_LABEL[self])


_ROLE_TEXT = {
    Role.ADMIN: Text("中心管理员", "centre administrator"),
    Role.STAFF: Text("中心工作人员", "centre staff"),
    Role.POLICE: Text("核查专员", "police-check liaison"),
    Role.REGULATOR: Text("主管部门（只读）", "regulator (read-only)"),
}
_ROLE_LABEL = {
    Role.ADMIN: _("centre administrator"),
    Role.STAFF: _("centre staff"),
    Role.POLICE: _("police-check liaison"),
    Role.REGULATOR: _("regulator (read-only)"),
}

# Who may do what, named once: views and use cases check these, templates show links from them.
READ = (Role.ADMIN, Role.STAFF, Role.POLICE, Role.REGULATOR)  # look-up, traces, agency pages
MANAGE_AGENCIES = (Role.ADMIN, Role.STAFF)  # admit, suspend, refuse
MANAGE_TERMINALS = (Role.ADMIN,)  # enrolment codes, revoking terminals
VIEW_TERMINALS = (Role.ADMIN, Role.STAFF, Role.REGULATOR)
AUDIT_LOG = (Role.ADMIN,)
MANAGE_STAFF = (Role.ADMIN,)  # console accounts

User = AbstractBaseUser | AnonymousUser
V = TypeVar("V", bound=Callable[..., HttpResponse])


def roles_of(user: Any) -> frozenset[Role]:
    """The console roles of an active, signed-in user (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_console_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._console_roles = cached
    return cached


def has_role(user: Any, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def check_role(user: Any, *roles: Role) -> None:
    """For use cases: refuse anyone who holds none of `roles`."""
    if not has_role(user, *roles):
        raise RoleRefused(needed=_needed(roles))


def _needed(roles: Iterable[Role]) -> list[Text]:
    return [role.text for role in roles]


def second_factor_missing(user: Any) -> bool:
    """True if the account has a confirmed TOTP device but this session did not pass it."""
    return bool(user_has_device(user, confirmed=True)) and not user.is_verified()


def require_role(*roles: Role) -> Callable[[V], V]:
    """A view decorator: anonymous users go to sign-in; users without one of `roles` get a 403 page."""
    if not roles:
        raise ValueError("require_role needs at least one role")

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if second_factor_missing(user):
                logout(request)  # signed in elsewhere (the admin) without the code the account requires
                return redirect_to_login(request.get_full_path())
            if not has_role(user, *roles):
                return refused(request, RoleRefused(needed=_needed(roles)))
            return view(request, *args, **kwargs)

        wrapped.console_roles = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def refused(request: HttpRequest, error: RoleRefused) -> HttpResponse:
    from django.utils.translation import get_language

    return TemplateResponse(request, "console/denied.html", {"message": error.message(get_language() or "zh")},
                            status=403)  # fmt: skip
