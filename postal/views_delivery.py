"""Results by post: the address for a dossier whose applicant chose the post, the delivery's
page (order, label, hand-over, cancel) and the demo carrier's "push a status" form."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.audit import audit_record
from core.documents import render_pdf
from core.network import client_ip
from dossiers.models import ReturnMethod
from dossiers.selectors import dossier_for_staff
from dossiers.workflow import State
from org.access import staff_required
from postal import selectors
from postal.errors import PostalError
from postal.forms import AddressForm
from postal.label import label_context
from postal.lifecycle import DeliveryState, Report, TrackingStatus
from postal.services_delivery import (
    delivery_cancel,
    delivery_hand_over,
    delivery_order,
    delivery_request,
)
from postal.services_tracking import tracking_record
from postal.views import POSTAL_PAGES

DEMO_CARRIER = "postal.demo"


@staff_required(*POSTAL_PAGES)
def request_delivery(request, dossier_pk: int):
    """Record the address of a dossier received elsewhere (the counter) with "by post"."""
    dossier = dossier_for_staff(request.user, pk=dossier_pk)
    if dossier.return_method != ReturnMethod.POST:
        raise Http404
    applicant = dossier.applicants.all()[0] if dossier.applicants.all() else None
    form = AddressForm(
        request.POST or None,
        prefix="addr",
        initial={
            "recipient_name": applicant.full_name if applicant else "",
            "phone": applicant.phone if applicant else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            delivery = delivery_request(dossier=dossier, address=form.choice(), user=request.user)
        except PostalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Delivery address recorded."))
            return redirect("postal:delivery", pk=delivery.pk)
    return render(
        request,
        "postal/request.html",
        {"nav": "postal", "dossier": dossier, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@staff_required(*POSTAL_PAGES)
def delivery(request, pk: int):
    delivery = selectors.delivery_for_staff(request.user, pk=pk)
    return render(
        request,
        "postal/delivery.html",
        {
            "nav": "postal",
            "delivery": delivery,
            "dossier": delivery.dossier,
            "result_ready": delivery.dossier.state == State.RESULT_READY,
            "is_demo": delivery.carrier == DEMO_CARRIER,
            "statuses": TrackingStatus.choices,
            "DeliveryState": DeliveryState,
        },
    )


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@require_POST
@staff_required(*POSTAL_PAGES)
def delivery_act(request, pk: int, action: str):
    delivery = selectors.delivery_for_staff(request.user, pk=pk)
    services = {"dat-hang": delivery_order, "ban-giao": delivery_hand_over}
    try:
        if action == "huy":
            delivery_cancel(
                delivery_id=delivery.pk,
                expected_version=_version(request),
                reason=request.POST.get("reason", "")[:300],
                user=request.user,
            )
        elif action in services:
            services[action](
                delivery_id=delivery.pk, expected_version=_version(request), user=request.user
            )
        else:
            raise Http404
    except PostalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done."))
    return redirect("postal:delivery", pk=delivery.pk)


@require_GET
@staff_required(*POSTAL_PAGES)
def label(request, pk: int):
    """The address label and delivery slip, A5 (default) or A4, with the item number as a
    Code 128 barcode, as a PDF."""
    delivery = selectors.delivery_for_staff(request.user, pk=pk)
    if not delivery.item_number:
        messages.error(request, _("Place the order first: the label needs the item number."))
        return redirect("postal:delivery", pk=delivery.pk)
    size = "A4" if request.GET.get("kho") == "a4" else "A5"
    context = label_context(delivery, size=size, now=timezone.now())
    audit_record(
        action="postal_label_pdf",
        actor=request.user,
        agency_code=delivery.dossier.return_agency.code,
        obj=delivery,
        new={"size": size},
        ip=client_ip(request),
    )
    pdf = render_pdf(render_to_string("postal/label.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{delivery.item_number}.pdf"'
    return response


@require_POST
@staff_required(*POSTAL_PAGES)
def demo_push(request, pk: int):
    """The demo carrier's page: push any status, as a real carrier's callback would."""
    delivery = selectors.delivery_for_staff(request.user, pk=pk)
    status = request.POST.get("status", "")
    if delivery.carrier != DEMO_CARRIER or status not in TrackingStatus.values:
        raise Http404
    now = timezone.now()
    report = Report(
        order_number=delivery.order_number,
        status=status,
        at=now,
        event_key=f"demo-{status}-{now.timestamp()}",
        reason=request.POST.get("reason", "").strip()[:300],
    )
    moved = tracking_record(
        delivery_id=delivery.pk, report=report, source="demo", carrier=DEMO_CARRIER
    )
    if moved:
        messages.success(
            request, _("Status recorded: %(status)s.") % {"status": TrackingStatus(status).label}
        )
    else:
        messages.warning(
            request, _("Recorded on the timeline; the delivery's state does not change from here.")
        )
    return redirect("postal:delivery", pk=delivery.pk)
