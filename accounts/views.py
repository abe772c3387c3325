"""The citizen's sign-in by one-time code, their account page and signing out."""

from authlib.common.errors import AuthlibBaseError as OAuthError
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import services, vneid
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
    context = {"form": form, "next": next_url, "vneid": vneid.enabled()}
    return private(render(request, "accounts/sign_in.html", context, status=status))


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


@require_GET
def vneid_start(request):
    """Off to VNeID (through the national portal's sign-on), coming back to `vneid_return`."""
    if not vneid.enabled():
        raise Http404
    next_url = safe_next(request, request.GET.get("next"))
    request.session[SESSION_PENDING] = {"vneid": True, "next": next_url}
    back = request.build_absolute_uri(reverse("accounts:vneid-return"))
    try:
        return private(vneid.client().authorize_redirect(request, back))
    except (OSError, ValueError, OAuthError):
        # The provider's discovery document did not come: say so, keep the code sign-in.
        messages.error(request, _("VNeID cannot be reached just now. Please sign in with a code."))
        return redirect("accounts:sign-in")


@require_GET
def vneid_return(request):
    """Back from VNeID: the code exchanged for tokens, the ID token and the person checked."""
    if not vneid.enabled():
        raise Http404
    pending = request.session.get(SESSION_PENDING)
    next_url = pending.get("next", "") if isinstance(pending, dict) else ""
    if request.GET.get("error"):
        messages.info(request, _("You did not sign in with VNeID. You can sign in with a code."))
        return redirect("accounts:sign-in")
    try:
        app = vneid.client()
        token = app.authorize_access_token(request)
        claims = {**(token.get("userinfo") or {}), **app.userinfo(token=token)}
        identity = vneid.identity_from_claims(claims)
        account = services.account_from_vneid(identity=identity)
    except vneid.IdentityRefused as refused:
        messages.error(request, str(refused))
        return redirect("accounts:sign-in")
    except (OAuthError, OSError, ValueError, KeyError):
        # A replayed or forged answer (state), an expired code, a bad signature, no answer.
        messages.error(
            request, _("The sign-in with VNeID did not complete. Please try again, or use a code.")
        )
        return redirect("accounts:sign-in")
    citizen_sign_in(request, account)
    return redirect(safe_next(request, next_url))


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
