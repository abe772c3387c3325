"""TOTP set-up and verification for administrators (R9)."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit_record
from core.network import client_ip
from org.forms import TokenForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("org:staff-home")


@login_required
def mfa_setup(request):
    """Show a new secret as a QR code; the device counts once the user proves one code."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("org:mfa-verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(action="mfa_device_confirmed", actor=user, obj=user, ip=client_ip(request))
            messages.success(request, _("Two-step verification is on for your account."))
            return redirect(_next_url(request))
        form.add_error("token", _("The code is wrong or has expired. Enter the current code."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    return render(
        request,
        "org/mfa_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _base32(device), "next": _next_url(request)},
    )


@login_required
def mfa_verify(request):
    user = request.user
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('org:mfa-setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                audit_record(action="mfa_verified", actor=user, obj=user, ip=client_ip(request))
                return redirect(_next_url(request))
        audit_record(action="mfa_failed", actor=user, obj=user, ip=client_ip(request))
        form.add_error("token", _("The code is wrong or has expired. Enter the current code."))
    return render(request, "org/mfa_verify.html", {"form": form, "next": _next_url(request)})


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
