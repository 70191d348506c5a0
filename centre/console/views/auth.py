"""Sign-in, sign-out, and the account page (where an administrator turns on the TOTP second factor)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from centre import audit
from centre.console import roles as r
from centre.console.forms import SignInForm, TotpConfirmForm
from centre.ratelimits import rate_limited


class SignInView(auth_views.LoginView):
    template_name = "console/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


_sign_in: Callable[[HttpRequest], HttpResponse] = sensitive_post_parameters("password", "otp_token")(
    SignInView.as_view()
)  # type: ignore[assignment]


_limited_sign_in = rate_limited("console-login", "CENTRE_RATE_LOGIN")(_sign_in)


def sign_in(request: HttpRequest) -> HttpResponse:
    """Each attempt costs an argon2 hash: attempts per client are limited (axes locks the name after failures).
    Showing the form is not an attempt."""
    return _limited_sign_in(request) if request.method == "POST" else _sign_in(request)


sign_out = auth_views.LogoutView.as_view(next_page="console:login")


@receiver(user_logged_in)
def _audit_sign_in(sender: Any, request: HttpRequest, user: Any, **_: Any) -> None:
    audit.record(user, "staff.sign_in", f"staff:{user.get_username()}", {})


@receiver(user_logged_out)
def _audit_sign_out(sender: Any, request: HttpRequest, user: Any, **_: Any) -> None:
    if user is not None:
        audit.record(user, "staff.sign_out", f"staff:{user.get_username()}", {})


@login_required
@r.require_role(*r.READ)
def account(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return TemplateResponse(request, "console/account.html", {
        "totp_on": confirmed, "may_totp": r.has_role(user, r.Role.ADMIN),
    })  # fmt: skip


@r.require_role(r.Role.ADMIN)
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Step 1 (POST without a code): a new secret, shown once. Step 2 (POST with a code): confirmed, in use."""
    user: Any = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("console:account")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    form = TotpConfirmForm(request.POST if request.method == "POST" and "token" in request.POST else None)
    if request.method == "POST" and "token" not in request.POST:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="console", confirmed=False)
    if device is None:
        return redirect("console:account")
    if form.is_bound and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(user, "staff.totp_on", f"staff:{user.get_username()}", {})
            return redirect("console:account")
        form.add_error("token", _("That code is not right; enter the current one."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return TemplateResponse(request, "console/totp_setup.html", {
        "form": form, "secret": secret, "uri": device.config_url,
    })  # fmt: skip
