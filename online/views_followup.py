"""The citizen's pages after submitting: the letters as PDFs, the answer to a supplement
request, and withdrawal. Another citizen's dossier is 404 on every one of them (R5)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.session import citizen_required
from core.audit import audit_record
from core.documents import render_pdf
from core.network import client_ip
from dossiers.documents import FormUnavailable, form_context
from dossiers.services import Conflict, WorkflowError
from dossiers.workflow import UNFINISHED, State
from online import selectors
from online.services_followup import dossier_withdraw, supplement_send

MAX_FILES_PER_ITEM = 10


@require_GET
@citizen_required
def letter(request, pk: int, number: str):
    """Mẫu 01–05 of one of the citizen's dossiers, as the PDF the counter prints."""
    dossier = selectors.citizen_dossier_for_letters(request.citizen, pk)
    if number not in selectors.letters_of(dossier):
        raise Http404
    try:
        context = form_context(
            dossier, number, site_url=request.build_absolute_uri("/").rstrip("/")
        )
    except FormUnavailable as error:
        raise Http404 from error
    audit_record(
        action="dossier_form_pdf",
        agency_code=dossier.receiving_agency.code,
        obj=dossier,
        new={"form": number, "by": f"citizen-account:{request.citizen.pk}"},
        ip=client_ip(request),
    )
    pdf = render_pdf(render_to_string("dossiers/forms/pdf.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dossier.code}-mau-{number}.pdf"'
    return response


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label=gettext_lazy("Why do you withdraw the dossier?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write why you withdraw the dossier.")},
    )


def _moved(request, dossier, error) -> None:
    if isinstance(error, Conflict):
        messages.error(
            request,
            _("Your dossier changed in the meantime: read its page again before you act."),
        )
    else:
        messages.error(request, str(error))


@require_http_methods(["GET", "POST"])
@citizen_required
def supplement(request, pk: int):
    """The items the supplement request (Mẫu 02) asked for, one upload slot each."""
    dossier = selectors.citizen_dossier(request.citizen, pk)
    if dossier.state != State.SUPPLEMENT_REQUESTED:
        return redirect("online:dossier", pk=dossier.pk)
    items = selectors.supplement_items(dossier)
    errors: dict[int, list[str]] = {}
    form = VersionForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        uploads = [
            request.FILES.getlist(f"item_{index}")[:MAX_FILES_PER_ITEM]
            for index in range(len(items))
        ]
        for index, files in enumerate(uploads):
            if not files:
                errors[index] = [_("Add at least one file for this item.")]
        if not errors:
            try:
                supplement_send(
                    dossier=dossier,
                    account=request.citizen,
                    items=list(zip(items, uploads, strict=True)),
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except (Conflict, WorkflowError) as error:
                _moved(request, dossier, error)
                return redirect("online:dossier", pk=dossier.pk)
            else:
                messages.success(
                    request,
                    _("Your supplement is sent. The time limit starts again from today."),
                )
                return redirect("online:dossier", pk=dossier.pk)
    status = 400 if errors or form.errors else 200
    slots = [(index, item, errors.get(index, [])) for index, item in enumerate(items)]
    context = {"dossier": dossier, "slots": slots, "form": form}
    return render(request, "online/supplement.html", context, status=status)


@require_http_methods(["GET", "POST"])
@citizen_required
def withdraw(request, pk: int):
    """Withdraw at the applicant's request, with their reason; asked once, saying what happens."""
    dossier = selectors.citizen_dossier(request.citizen, pk)
    if dossier.state not in UNFINISHED:
        return redirect("online:dossier", pk=dossier.pk)
    form = WithdrawForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        try:
            dossier_withdraw(
                dossier=dossier,
                account=request.citizen,
                reason=form.cleaned_data["reason"].strip(),
                expected_version=form.cleaned_data["version"],
            )
        except (Conflict, WorkflowError) as error:
            _moved(request, dossier, error)
        else:
            messages.success(request, _("Your dossier is withdrawn."))
        return redirect("online:dossier", pk=dossier.pk)
    status = 400 if form.errors else 200
    return render(
        request, "online/withdraw.html", {"dossier": dossier, "form": form}, status=status
    )
