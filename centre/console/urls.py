"""The console's addresses, under /console/ (namespace "console")."""

from __future__ import annotations

from django.urls import include, path

from centre.console.views import agencies, audit_log, auth, home, lookup, staff, terminals, trace

app_name = "console"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.sign_in, name="login"),
    path("logout/", auth.sign_out, name="logout"),
    path("account/", auth.account, name="account"),
    path("account/totp/", auth.totp_setup, name="totp-setup"),
    path("search/", lookup.search, name="search"),
    path("workers/<str:worker_uid>/", trace.worker_trace, name="worker"),
    path("agencies/", lookup.agencies, name="agencies"),
    path("agencies/<str:agency_id>/", agencies.agency, name="agency"),
    path("agencies/<str:agency_id>/admission/", agencies.decide, name="agency-decide"),
    path("terminals/", terminals.terminal_list, name="terminals"),
    path("terminals/codes/", terminals.issue_code, name="enrolment-code"),
    path("terminals/<str:terminal_id>/revoke/", terminals.revoke, name="terminal-revoke"),
    path("staff/", staff.staff_list, name="staff"),
    path("staff/add/", staff.add, name="staff-add"),
    path("staff/<str:username>/disable/", staff.disable, name="staff-disable"),
    path("audit/", audit_log.audit_log, name="audit"),
    path("i18n/", include("django.conf.urls.i18n")),
]
