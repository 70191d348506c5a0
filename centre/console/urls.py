"""The console's addresses, under /console/ (namespace "console")."""

from __future__ import annotations

from django.urls import include, path

from centre.console.views import audit_log, auth, home

app_name = "console"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.sign_in, name="login"),
    path("logout/", auth.sign_out, name="logout"),
    path("account/", auth.account, name="account"),
    path("account/totp/", auth.totp_setup, name="totp-setup"),
    path("audit/", audit_log.audit_log, name="audit"),
    path("i18n/", include("django.conf.urls.i18n")),
]
