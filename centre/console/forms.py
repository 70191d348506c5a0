"""The console's forms: sign-in (with the TOTP code for accounts that have one), and the small decision forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import user_login_failed
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device


class SignInForm(AuthenticationForm):
    otp_token = forms.CharField(label=_("One-time code"), required=False, max_length=8,
                                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
                                help_text=_("Only for accounts with a second factor."))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.otp_device: Any = None

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user_has_device(user, confirmed=True):
            return
        token = (self.cleaned_data.get("otp_token") or "").strip()
        device = match_token(user, token) if token else None
        if device is None:
            # Counted as a failed sign-in, so guessing codes locks the account like guessing passwords.
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()},
                                   request=self.request)  # fmt: skip
            raise forms.ValidationError(_("Enter the current code from your authenticator app."),
                                        code="otp_required")  # fmt: skip
        self.otp_device = device


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class TotpConfirmForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))  # fmt: skip
