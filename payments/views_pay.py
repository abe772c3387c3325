"""The citizen's pay page and the gateways' answers.

- `payments:pay` — /thanh-toan/ho-so/?ma=<code>&kt=<check value>: what the dossier owes and a
  button per unpaid amount. Reached from the public lookup's result (the same code and check
  value) and linkable from the citizen portal ("Hồ sơ của tôi"). No JavaScript needed.
- `payments:result` — what became of one attempt, as our database says (never the browser).
- The demo gateway's page, VNPay's return URL (shows only) and IPN (decides).
"""

import contextlib
import json
import logging
import unicodedata

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core import ratelimit
from core.actors import Actor
from core.network import client_ip
from core.plugins import registry
from dossiers.models import Dossier
from payments.gateways.accounts import gateway_key_for, merchant_named
from payments.gateways.base import ATTEMPT_LIFETIME
from payments.gateways.dvcqg import confirm_handle as dvcqg_confirm_handle
from payments.gateways.vnpay import ipn_handle, signature_valid
from payments.models import Obligation, PaymentAttempt
from payments.selectors_status import pay_url, pending_obligation_ids
from payments.services_obligations import obligations_ensure
from payments.services_payments import Answer, attempt_settle, attempt_start
from payments.services_shared import PaymentError
from payments.states import AttemptState, Method, ObligationState

PAGE_LIMIT = 30  # a minute, per client: codes are not to be walked


def _limited(request, name: str):
    allowed, retry_after = ratelimit.hit(
        key=f"{name}:{ratelimit.client_key(request)}", limit=PAGE_LIMIT, window_seconds=60
    )
    if allowed:
        return None
    response = render(request, "payments/limited.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _dossier(code: str, check: str) -> Dossier:
    """The dossier whose code and check value both match, else 404 (the same answer for an
    unknown code and a wrong check value)."""
    code = unicodedata.normalize("NFKC", code or "").strip().upper()[:60]
    check = "".join(c for c in unicodedata.normalize("NFKC", check or "") if c.isalnum()).upper()
    dossier = Dossier.objects.select_related("receiving_agency").filter(code=code).first()
    if dossier is None or not check or not constant_time_compare(check, dossier.lookup_check):
        raise Http404
    return dossier


@never_cache
@require_http_methods(["GET", "POST"])
def pay(request):
    limited = _limited(request, "pay")
    if limited:
        return limited
    source = request.POST if request.method == "POST" else request.GET
    dossier = _dossier(source.get("ma", ""), source.get("kt", ""))
    obligations = obligations_ensure(dossier=dossier)
    error = ""
    if request.method == "POST":
        obligation = next((o for o in obligations if str(o.pk) == request.POST.get("khoan")), None)
        if obligation is None:
            raise Http404
        agency_code = dossier.receiving_agency.code
        gateway = registry.get("payment", agency=agency_code, key=gateway_key_for(agency_code))
        try:
            attempt = attempt_start(
                obligation_id=obligation.pk,
                method=Method.ONLINE,
                gateway=gateway.key,
                actor=Actor.applicant(),
                expires_at=timezone.now() + ATTEMPT_LIFETIME,
            )
        except PaymentError as refused:
            error = str(refused)
        else:
            return_url = request.build_absolute_uri(
                reverse("payments:result", args=[attempt.reference])
                if gateway.key != "vnpay"
                else reverse("payments:vnpay_return")
            )
            try:
                start = gateway.start(attempt, return_url=return_url, client_ip=client_ip(request))
            except OSError as unreachable:
                # The gateway did not take the order: the try ends at once (failed, with the
                # reason kept), so the citizen can try again now rather than in 15 minutes.
                logging.getLogger(__name__).warning("Gateway %s: %s", gateway.key, unreachable)
                attempt_settle(
                    reference=attempt.reference,
                    answer=Answer(outcome=AttemptState.FAILED, raw={"start": str(unreachable)}),
                    actor=Actor.external(f"payment.{gateway.key}"),
                )
                error = _("The payment gateway did not answer. Nothing was paid: try again later.")
            else:
                return redirect(start.redirect_url)
        obligations = list(Obligation.objects.filter(dossier=dossier))
    pending = pending_obligation_ids(dossier)
    return render(
        request,
        "payments/pay.html",
        {
            "dossier": dossier,
            "obligations": obligations,
            "pending": pending,
            "due_total": sum(o.amount for o in obligations if o.state == ObligationState.DUE),
            "error": error,
        },
        status=400 if error else 200,
    )


@never_cache
@require_GET
def result(request, reference: str):
    if not reference.isalnum():
        raise Http404
    attempt = get_object_or_404(
        PaymentAttempt.objects.select_related("obligation__dossier"), reference=reference
    )
    dossier = attempt.obligation.dossier
    receipt = attempt.receipts.filter(state="issued").first()
    return render(
        request,
        "payments/result.html",
        {"attempt": attempt, "dossier": dossier, "receipt": receipt, "back": pay_url(dossier)},
    )


# --- The demo gateway ------------------------------------------------------------------------

DEMO_CHOICES = {
    "thanh-cong": AttemptState.SUCCEEDED,
    "that-bai": AttemptState.FAILED,
    "huy": AttemptState.CANCELLED,
}


@never_cache
@require_http_methods(["GET", "POST"])
def demo_gateway(request, reference: str):
    """Stands for a bank's page: the tester chooses the answer. "No answer" returns without
    one, as a closed browser tab would: the attempt waits for its expiry."""
    if not reference.isalnum():
        raise Http404
    attempt = get_object_or_404(
        PaymentAttempt.objects.select_related("obligation__dossier"),
        reference=reference,
        gateway="demo",
    )
    if request.method == "POST":
        choice = request.POST.get("ket-qua", "")
        if choice in DEMO_CHOICES:
            outcome = DEMO_CHOICES[choice]
            # Answered already (a second click): the result page says how.
            with contextlib.suppress(PaymentError):
                attempt_settle(
                    reference=reference,
                    answer=Answer(
                        outcome=outcome,
                        amount=attempt.amount,
                        transaction_no=f"DEMO{attempt.pk:08d}",
                        raw={"demo": choice},
                    ),
                    actor=Actor.external("payment.demo"),
                )
        return redirect("payments:result", reference=reference)
    return render(request, "payments/demo_gateway.html", {"attempt": attempt})


# --- VNPay -----------------------------------------------------------------------------------


@never_cache
@require_GET
def vnpay_return(request):
    """The browser comes back here: we show what our database says (the IPN decides), and
    whether VNPay's signature on what the browser carried is right."""
    params = request.GET.dict()
    merchant = merchant_named("vnpay", params.get("vnp_TmnCode", ""))
    if merchant is None or not merchant.secret or not signature_valid(params, merchant.secret):
        return render(request, "payments/result.html", {"forged": True}, status=400)
    return redirect("payments:result", reference=params.get("vnp_TxnRef", "-"))


@csrf_exempt
@require_GET
def vnpay_ipn(request):
    try:
        code, message = ipn_handle(request.GET.dict())
    except Exception:  # VNPay expects an answer whatever happens: 99, and we log it
        logging.getLogger(__name__).exception("VNPay IPN failed")
        code, message = "99", "Unknown error"
    return JsonResponse({"RspCode": code, "Message": message})


@csrf_exempt
@require_http_methods(["POST"])
def dvcqg_confirm(request):
    """The national payment platform's confirmation (JSON POST), decided like VNPay's IPN."""
    try:
        body = json.loads(request.body.decode("utf-8"))
        if not isinstance(body, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"MaLoi": "99", "MoTaLoi": "invalid message"}, status=400)
    try:
        answer = dvcqg_confirm_handle(body)
    except Exception:  # the platform expects an answer whatever happens
        logging.getLogger(__name__).exception("Payment platform confirmation failed")
        answer = {"MaLoi": "99", "MoTaLoi": "unknown error"}
    return JsonResponse(answer)
