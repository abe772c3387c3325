"""The citizen's sign-in by one-time code, their account page and signing out."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services
from accounts.codes import Destination
from accounts.forms import CodeForm, DestinationForm, IdentityForm
from accounts.session import (
    SESSION_PENDING,
    citizen_required,
    citizen_sign_in,
    citizen_sign_out,
    current_account,
    private,
    safe_next,
)
from core import ratelimit
from core.views import too_many_requests


@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Step 1: the phone number or e-mail address the code goes to."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if current_account(request) is not None:
        return redirect(next_url)
    form = DestinationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        destination = form.cleaned_data["destination"]
        try:
            services.sign_in_code_send(
                destination=destination, client=ratelimit.client_key(request)
            )
        except services.TooManyRequests as limit:
            return private(too_many_requests(request, retry_after=limit.retry_after))
        request.session[SESSION_PENDING] = {
            "channel": destination.channel,
            "address": destination.address,
            "next": next_url,
        }
        return redirect("accounts:sign-in-code")
    status = 400 if form.errors else 200
    return private(
        render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)
    )


@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    """Step 2: the code from the message."""
    pending = request.session.get(SESSION_PENDING)
    if not isinstance(pending, dict):
        return redirect("accounts:sign-in")
    destination = Destination(pending["channel"], pending["address"])
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.sign_in_code_check(
                destination=destination,
                code=form.cleaned_data["code"],
                client=ratelimit.client_key(request),
            )
        except services.TooManyRequests as limit:
            return private(too_many_requests(request, retry_after=limit.retry_after))
        except services.CodeRefused as refused:
            form.add_error("code", refused.args[0])
        else:
            next_url = pending.get("next") or ""
            citizen_sign_in(request, account)
            return redirect(safe_next(request, next_url))
    status = 400 if form.errors else 200
    context = {"form": form, "masked": destination.masked, "channel": destination.channel}
    return private(render(request, "accounts/sign_in_code.html", context, status=status))


@require_POST
def sign_out(request):
    citizen_sign_out(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:sign-in")


@citizen_required
@require_http_methods(["GET", "POST"])
def home(request):
    """The citizen's account: who they are, and their link to the registry."""
    account = request.citizen
    initial = {
        "id_number": account.id_number,
        "full_name": account.full_name,
        "birth_date": account.birth_date,
    }
    form = IdentityForm(request.POST or None, initial=initial)
    if request.method == "POST" and not account.verified and form.is_valid():
        verified = services.account_identity_declare(
            account=account, claim=services.IdentityClaim(**form.cleaned_data)
        )
        if verified:
            messages.success(request, _("Your ID number is verified."))
        else:
            messages.info(
                request,
                _(
                    "Your details are saved. Your ID number is not verified yet: bring your "
                    "ID card to any one-stop counter of the province."
                ),
            )
        return redirect("accounts:home")
    status = 400 if form.errors else 200
    return render(request, "accounts/home.html", {"account": account, "form": form}, status=status)
