"""Console accounts for administrators: the list with roles, adding one, disabling one (as `terminal-server staff`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from centre.console import roles as r
from centre.console import staff as use_case
from centre.console.errors import ConsoleError
from centre.console.views.common import tell_error


@r.require_role(*r.MANAGE_STAFF)
def staff_list(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "console/staff.html", {
        "rows": use_case.list_staff(), "roles": [(role.value, role.label) for role in r.Role],
    })  # fmt: skip


@sensitive_post_parameters("password", "again")
@require_POST
@r.require_role(*r.MANAGE_STAFF)
def add(request: HttpRequest) -> HttpResponse:
    form = request.POST
    try:
        user = use_case.add_staff_from_console(request.user, form.get("username", ""), form.get("role", ""),
                                               form.get("password", ""), form.get("again", ""), form.get("name", ""))  # fmt: skip
    except ConsoleError as error:
        tell_error(request, error)
    else:
        messages.success(request, _("Account %(name)s created.") % {"name": user.get_username()})
    return redirect("console:staff")


@require_POST
@r.require_role(*r.MANAGE_STAFF)
def disable(request: HttpRequest, username: str) -> HttpResponse:
    try:
        use_case.disable_staff_from_console(request.user, username)
    except ConsoleError as error:
        tell_error(request, error)
    else:
        messages.success(request, _("Account %(name)s disabled.") % {"name": username})
    return redirect("console:staff")
