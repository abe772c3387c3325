"""The counter's payment actions on a dossier (the panel's forms) and the receipt pages. Thin:
parse, call one service, say what happened on the dossier page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.audit import audit_record
from core.documents import render_pdf
from core.network import client_ip
from dossiers.workflow import staff_roles_over
from org.access import staff_required
from payments import selectors
from payments.documents import payment_slip_context, receipt_context
from payments.forms import (
    AddObligationForm,
    CancelReceiptForm,
    CounterPaymentForm,
    ReasonForm,
    ReduceForm,
    RefundForm,
)
from payments.models import CollectionAccount
from payments.receipts import receipt_cancel
from payments.selectors_status import pay_url
from payments.services_obligations import (
    obligation_add,
    obligation_reduce,
    obligation_refund,
    obligation_waive,
    obligations_ensure,
)
from payments.services_payments import counter_payment_record
from payments.services_shared import PaymentError


def _require(user, dossier, roles) -> None:
    if not staff_roles_over(user, dossier) & roles:
        raise PermissionDenied


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return _("Check the fields.")


def _back(dossier):
    return redirect("dossiers:dossier", pk=dossier.pk)


@require_POST
@staff_required()
def obligations_create(request, pk: int):
    dossier = selectors.dossier_for_payments(request.user, pk=pk)
    _require(request.user, dossier, selectors.SETTING_ROLES)
    obligations_ensure(dossier=dossier)
    messages.success(request, _("The amounts owed were listed from the dossier's fees."))
    return _back(dossier)


@require_POST
@staff_required()
def payment_take(request, pk: int):
    """Cash, card or a confirmed VietQR transfer for one obligation; then its receipt."""
    obligation = selectors.obligation_for_staff(request.user, pk=pk)
    dossier = obligation.dossier
    _require(request.user, dossier, selectors.collecting_roles(obligation))
    form = CounterPaymentForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Nothing was recorded: %(error)s") % {"error": _first_error(form)}
        )
        return _back(dossier)
    try:
        attempt = counter_payment_record(
            obligation_id=obligation.pk,
            method=form.cleaned_data["method"],
            amount=form.cleaned_data["amount"],
            payer_name=form.cleaned_data["payer_name"],
            actor=request.user,
        )
    except PaymentError as refused:
        messages.error(request, _("Nothing was recorded: %(error)s") % {"error": refused})
        return _back(dossier)
    receipt = attempt.receipts.get()
    messages.success(
        request,
        _("Payment recorded; receipt no. %(number)s issued.") % {"number": receipt.number_text},
    )
    return redirect("payments:receipt", pk=receipt.pk)


@require_POST
@staff_required()
def obligation_new(request, pk: int):
    dossier = selectors.dossier_for_payments(request.user, pk=pk)
    _require(request.user, dossier, selectors.SETTING_ROLES)
    form = AddObligationForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Nothing was recorded: %(error)s") % {"error": _first_error(form)}
        )
        return _back(dossier)
    try:
        obligation_add(
            dossier=dossier,
            name=form.cleaned_data["name"],
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except PaymentError as refused:
        messages.error(request, _("Nothing was recorded: %(error)s") % {"error": refused})
        return _back(dossier)
    messages.success(request, _("The amount owed was added."))
    return _back(dossier)


@require_POST
@staff_required()
def obligation_change(request, pk: int, change: str):
    """An exemption ("mien") or a reduction ("giam"), each with its legal reason; a refund
    ("hoan") of a paid amount, with its reason, by the counter that took the money."""
    if change not in ("mien", "giam", "hoan"):
        raise Http404
    obligation = selectors.obligation_for_staff(request.user, pk=pk)
    dossier = obligation.dossier
    _require(
        request.user,
        dossier,
        selectors.COLLECTING_ROLES if change == "hoan" else selectors.SETTING_ROLES,
    )
    form = {"giam": ReduceForm, "mien": ReasonForm, "hoan": RefundForm}[change](request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Nothing was recorded: %(error)s") % {"error": _first_error(form)}
        )
        return _back(dossier)
    try:
        if change == "giam":
            obligation_reduce(
                obligation_id=obligation.pk,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        elif change == "hoan":
            obligation_refund(
                obligation_id=obligation.pk, reason=form.cleaned_data["reason"], actor=request.user
            )
        else:
            obligation_waive(
                obligation_id=obligation.pk, reason=form.cleaned_data["reason"], actor=request.user
            )
    except PaymentError as refused:
        messages.error(request, _("Nothing was recorded: %(error)s") % {"error": refused})
        return _back(dossier)
    messages.success(request, _("Recorded."))
    return _back(dossier)


@require_GET
@staff_required()
def receipt_page(request, pk: int):
    """The receipt as printed (A4), ?pdf=1 as a PDF download; the cancel form below it."""
    receipt = selectors.receipt_for_staff(request.user, pk=pk)
    verify_url = request.build_absolute_uri(f"/bien-lai/{receipt.token}/")
    context = receipt_context(receipt, verify_url=verify_url)
    if request.GET.get("pdf"):
        audit_record(
            action="receipt_pdf",
            actor=request.user,
            agency_code=receipt.agency.code,
            obj=receipt,
            ip=client_ip(request),
        )
        pdf = render_pdf(render_to_string("payments/receipt_pdf.html", context, request=request))
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"bien-lai-{receipt.symbol}-{receipt.number_text}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    dossier = receipt.attempt.obligation.dossier
    can_cancel = bool(staff_roles_over(request.user, dossier) & selectors.COLLECTING_ROLES)
    return render(
        request,
        "payments/receipt_page.html",
        context | {"nav": "dossiers", "can_cancel": can_cancel, "cancel_form": CancelReceiptForm()},
    )


@require_POST
@staff_required()
def receipt_cancel_view(request, pk: int):
    receipt = selectors.receipt_for_staff(request.user, pk=pk)
    _require(request.user, receipt.attempt.obligation.dossier, selectors.COLLECTING_ROLES)
    form = CancelReceiptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: %(error)s") % {"error": _first_error(form)})
        return redirect("payments:receipt", pk=receipt.pk)
    try:
        replacement = receipt_cancel(
            receipt_id=receipt.pk,
            reason=form.cleaned_data["reason"],
            replace=form.cleaned_data["replace"],
            payer_name=form.cleaned_data["payer_name"],
            actor=request.user,
        )
    except PaymentError as refused:
        messages.error(request, _("Nothing was changed: %(error)s") % {"error": refused})
        return redirect("payments:receipt", pk=receipt.pk)
    if replacement is None:
        messages.success(request, _("The receipt was cancelled."))
        return redirect("payments:receipt", pk=receipt.pk)
    messages.success(
        request,
        _("The receipt was cancelled and replaced by no. %(number)s.")
        % {"number": replacement.number_text},
    )
    return redirect("payments:receipt", pk=replacement.pk)


@require_GET
@staff_required()
def payment_slip(request, pk: int):
    """The payment slip (giấy báo nộp phí) with a VietQR per amount due: printable A4, or
    ?pdf=1 as a PDF, as the receipt."""
    dossier = selectors.dossier_for_payments(request.user, pk=pk)
    obligations = obligations_ensure(dossier=dossier)
    account = CollectionAccount.objects.filter(agency_id=dossier.receiving_agency_id).first()
    context = payment_slip_context(
        dossier,
        obligations,
        account=account,
        pay_url=request.build_absolute_uri(pay_url(dossier)),
        now=timezone.now(),
    )
    if request.GET.get("pdf"):
        pdf = render_pdf(render_to_string("payments/receipt_pdf.html", context, request=request))
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"giay-bao-nop-phi-{dossier.code}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "payments/slip_page.html", context | {"nav": "dossiers"})
