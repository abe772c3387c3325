"""The postal clerk's pages: the day's work, envelopes logged on arrival and registered as
dossiers (channel 3), or sent back to the sender."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Channel
from core.converters import id_from
from dossiers import selectors as dossier_selectors
from dossiers.models import ReturnMethod
from dossiers.services import WorkflowError
from org.access import agency_ids_with_role, staff_required
from org.models import Agency, Role
from postal import selectors
from postal.errors import PostalError
from postal.forms import AddressForm, ArrivalForm, PostalReceptionForm
from postal.lifecycle import ItemState
from postal.services_inbound import (
    MAIL_ROLES,
    item_arrival_record,
    item_posted_back,
    item_register,
    item_send_back,
)

POSTAL_PAGES = tuple(MAIL_ROLES)


def _titles() -> dict:
    return {
        "register": _("Envelopes to register"),
        "request": _("Results ready to go by post, address not recorded"),
        "order": _("Results ready: place the order"),
        "hand-over": _("Envelopes to hand to the post"),
        "with-post": _("With the post"),
        "confirm": _("Delivered: confirm the return"),
        "came-back": _("Came back: give back at the counter"),
        "receipts": _("Receipts (Mẫu 01) to post to the sender"),
        "to-sender": _("Envelopes to return to the sender"),
    }


@staff_required(*POSTAL_PAGES)
def today(request):
    day = selectors.postal_day(request.user, titles=_titles())
    return render(request, "postal/today.html", {"nav": "postal", "day": day})


def _mail_agencies(user) -> list[Agency]:
    """The centres where `user` opens the mail: those where they hold a mail role."""
    ids = agency_ids_with_role(user, MAIL_ROLES)
    return list(Agency.objects.filter(pk__in=ids, is_active=True).order_by("name"))


@staff_required(*POSTAL_PAGES)
def arrival(request):
    agencies = _mail_agencies(request.user)
    if not agencies:
        raise PermissionDenied
    form = ArrivalForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = item_arrival_record(
                agency=form.agencies[data["agency"]],
                item_number=data["item_number"],
                sender_name=data["sender_name"].strip(),
                sender_address=data["sender_address"].strip(),
                sender_phone=data["sender_phone"],
                posted_on=data["posted_on"],
                user=request.user,
            )
        except PostalError as error:
            form.add_error("item_number", str(error))
        else:
            messages.success(
                request, _("Envelope %(number)s logged.") % {"number": item.item_number}
            )
            return redirect("postal:register", pk=item.pk)
    return render(request, "postal/arrival.html", {"nav": "postal", "form": form})


def _postal_versions(user, query: str):
    versions = dossier_selectors.receivable_versions(user, query=query)
    return versions.filter(channels__channel=Channel.POSTAL, channels__available=True)


@staff_required(*POSTAL_PAGES)
def register(request, pk: int):
    item = selectors.item_for_staff(request.user, pk=pk)
    if item.state != ItemState.ARRIVED:
        if item.dossier_id:
            return redirect("dossiers:dossier", pk=item.dossier_id)
        raise Http404
    version_pk = id_from(request.GET.get("thu-tuc", "") or request.POST.get("thu-tuc", ""))
    query = request.GET.get("q", "").strip()[:200]
    context = {"nav": "postal", "item": item, "query": query}
    if version_pk is None:
        context["versions"] = list(_postal_versions(request.user, query)[:30])
        return render(request, "postal/register_pick.html", context)
    version = _postal_versions(request.user, "").filter(pk=version_pk).first()
    if version is None:
        raise Http404
    version = dossier_selectors.receivable_version(request.user, pk=version.pk)
    competents = dossier_selectors.competent_agencies(request.user, version)
    posted = request.method == "POST"
    form = PostalReceptionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        version=version,
        competents=competents,
        initial={
            "full_name": item.sender_name,
            "address": item.sender_address,
            "phone": item.sender_phone,
        },
    )
    wants_post = (
        request.POST.get("return_method") if posted else ReturnMethod.POST
    ) == ReturnMethod.POST
    address = AddressForm(
        request.POST if posted else None,
        prefix="addr",
        initial={
            "recipient_name": item.sender_name,
            "street": item.sender_address,
            "phone": item.sender_phone,
        },
    )
    if posted:
        valid = form.is_valid()
        address_valid = address.is_valid() if wants_post else True
        if valid and address_valid:
            try:
                dossier = item_register(
                    item_id=item.pk,
                    reception=form.reception(agency=item.agency),
                    receipt_sent_by=form.cleaned_data["receipt_sent_by"],
                    address=address.choice() if wants_post else None,
                    user=request.user,
                )
            except (PostalError, WorkflowError) as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Dossier %(code)s received by post. Print the receipt (Mẫu 01) "
                        "and send it back."
                    )
                    % {"code": dossier.code},
                )
                return redirect("dossiers:dossier", pk=dossier.pk)
    context.update(version=version, form=form, address=address, wants_post=wants_post)
    return render(request, "postal/register.html", context, status=400 if posted else 200)


@require_POST
@staff_required(*POSTAL_PAGES)
def send_back(request, pk: int):
    item = selectors.item_for_staff(request.user, pk=pk)
    try:
        item_send_back(
            item_id=item.pk, reason=request.POST.get("reason", "")[:2000], user=request.user
        )
    except PostalError as error:
        messages.error(request, str(error))
        return redirect("postal:register", pk=item.pk)
    messages.success(
        request, _("Envelope %(number)s goes back to the sender.") % {"number": item.item_number}
    )
    return redirect("postal:today")


@require_POST
@staff_required(*POSTAL_PAGES)
def posted_back(request, pk: int):
    """The receipt or the sent-back envelope went to the post for the sender."""
    item = selectors.item_for_staff(request.user, pk=pk)
    try:
        item_posted_back(item_id=item.pk, user=request.user)
    except PostalError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Recorded: the post has what goes back for %(number)s.")
            % {"number": item.item_number},
        )
    return redirect("postal:today")


def is_postal_start(user) -> bool:
    """Post-office clerks start their day on the postal page."""
    from org.access import active_roles_of

    return bool(active_roles_of(user, {Role.POSTAL_CLERK}))
