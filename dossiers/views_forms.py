"""The official forms of a dossier (Mẫu 01–06) and the tracking register (Mẫu 07): printable
pages, PDF downloads and the register as Excel, for staff who can see the dossiers."""

from datetime import date, timedelta

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.audit import audit_record
from core.audit_checkpoints import checkpoint_latest, day_end
from core.documents import render_pdf
from core.network import client_ip
from core.validators import validate_office_date
from core.wording import long_date, place_name
from dossiers.documents import FormUnavailable, dossier_for_forms, form_context
from dossiers.register import COLUMNS, DATES_HEADING, register_rows, register_workbook
from dossiers.signatures import SignatureRequest, SigningFailed, pdf_sign
from dossiers.wording import TITLES
from org.access import staff_required
from org.models import AgencyKind
from org.selectors import agency_list_for

DOSSIER_FORMS = ("01", "02", "03", "04", "05", "06")
# The letters the agency issues to the applicant, which it may sign digitally (Mẫu 06 is an
# internal control sheet).
SIGNABLE_FORMS = ("01", "02", "03", "04", "05")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
# A year of a busy commune is a few thousand lines: enough for a yearly book, small enough to
# render as one page.
LONGEST_RANGE = timedelta(days=366)


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@staff_required()
def form_view(request, pk: int, number: str):
    """Mẫu `number` of dossier `pk`, as a printable page or (?pdf=1) a PDF download."""
    if number not in DOSSIER_FORMS:
        raise Http404
    dossier = dossier_for_forms(request.user, pk=pk)
    site_url = request.build_absolute_uri("/").rstrip("/")
    try:
        context = form_context(dossier, number, site_url=site_url)
    except FormUnavailable as reason:
        # The user may see the dossier, so saying why the form is missing leaks nothing.
        context = {"dossier": dossier, "number": number, "reason": str(reason)}
        return render(request, "dossiers/forms/unavailable.html", context, status=404)
    if request.GET.get("pdf"):
        audit_record(
            action="dossier_form_pdf",
            actor=request.user,
            agency_code=dossier.receiving_agency.code,
            obj=dossier,
            new={"form": number},
            ip=client_ip(request),
        )
        pdf = render_pdf(render_to_string("dossiers/forms/pdf.html", context, request=request))
        filename = f"{dossier.code}-mau-{number}.pdf"
        if request.GET.get("ky-so") and number in SIGNABLE_FORMS:
            return _signed_form(request, dossier, number, pdf, filename)
        return _attachment(pdf, content_type="application/pdf", filename=filename)
    context["signable"] = number in SIGNABLE_FORMS
    return render(request, "dossiers/forms/page.html", context)


def _signed_form(request, dossier, number: str, pdf: bytes, filename: str) -> HttpResponse:
    """The letter signed with the receiving agency's key (dossiers.signatures), audited."""
    agency = dossier.receiving_agency
    try:
        signed = pdf_sign(
            pdf=pdf,
            agency_code=agency.code,
            request=SignatureRequest(
                agency_name=agency.name,
                reason=_("Form %(number)s of dossier %(code)s")
                % {"number": number, "code": dossier.code},
                approver=str(request.user),
            ),
        )
    except SigningFailed as failure:
        context = {"dossier": dossier, "number": number, "reason": str(failure)}
        return render(request, "dossiers/forms/unavailable.html", context, status=503)
    audit_record(
        action="dossier_form_signed",
        actor=request.user,
        agency_code=agency.code,
        obj=dossier,
        new={"form": number, "signed_by": signed.signer, "provider": signed.provider},
        ip=client_ip(request),
    )
    return _attachment(
        signed.content,
        content_type="application/pdf",
        filename=filename.replace(".pdf", "-ky-so.pdf"),
    )


class RegisterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the agencies in the list.")},
    )
    start = forms.DateField(
        label=_("From"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(attrs=DATE_INPUT, format="%d/%m/%Y"),
        validators=[validate_office_date],
        error_messages={
            "required": _("Enter the first day, as dd/mm/yyyy."),
            "invalid": _("Enter the date as dd/mm/yyyy, e.g. 01/03/2026."),
        },
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(attrs=DATE_INPUT, format="%d/%m/%Y"),
        validators=[validate_office_date],
        error_messages={
            "required": _("Enter the last day, as dd/mm/yyyy."),
            "invalid": _("Enter the date as dd/mm/yyyy, e.g. 31/03/2026."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agency_list_for(user).filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first day must not come after the last day."))
        if start and end and end - start > LONGEST_RANGE:
            raise forms.ValidationError(_("Choose at most one year at a time."))
        return cleaned


def _defaults(user) -> dict:
    """This month so far, at the user's one-stop counter if they have one."""
    today = timezone.localdate()
    agencies = agency_list_for(user).filter(is_active=True)
    counters = [AgencyKind.COMMUNE_CENTRE, AgencyKind.PROVINCIAL_CENTRE]
    agency = agencies.filter(kind__in=counters).first() or agencies.first()
    return {
        "agency": agency.pk if agency else "",
        "start": f"{date(today.year, today.month, 1):%d/%m/%Y}",
        "end": f"{today:%d/%m/%Y}",
    }


@require_GET
@staff_required()
def register_view(request):
    """Sổ theo dõi hồ sơ for one agency and date range; ?xlsx=1 for Excel, ?pdf=1 for PDF."""
    data = _defaults(request.user) | request.GET.dict()
    form = RegisterForm(data, user=request.user)
    context = {"form": form, "columns": COLUMNS, "dates_heading": DATES_HEADING}
    if not form.is_valid():
        return render(request, "dossiers/forms/register.html", context)
    agency, start, end = (form.cleaned_data[key] for key in ("agency", "start", "end"))
    rows = register_rows(agency=agency, start=start, end=end)
    query = f"agency={agency.pk}&start={start:%d/%m/%Y}&end={end:%d/%m/%Y}"
    title = f"{TITLES['07']} – {agency.name} – {start:%d/%m/%Y}–{end:%d/%m/%Y}"
    context |= {
        "rows": rows,
        "agency": agency,
        "start": start,
        "end": end,
        "query": query,
        "document_title": title,
        "title": TITLES["07"],
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "place_date": f"{place_name(agency)}, {long_date(timezone.now())}",
        "compiler": str(request.user),
        "form_template": "dossiers/forms/form_07.html",
        # The audit log's newest checkpoint up to the register's last day (decision 0009).
        "audit_checkpoint": checkpoint_latest(until=day_end(end)),
    }
    filename = f"so-theo-doi-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}"
    if request.GET.get("xlsx") or request.GET.get("pdf"):
        audit_record(
            action="dossier_register_export",
            actor=request.user,
            agency_code=agency.code,
            obj=agency,
            new={"start": start.isoformat(), "end": end.isoformat(), "rows": len(rows)},
            ip=client_ip(request),
        )
    if request.GET.get("xlsx"):
        workbook = register_workbook(agency=agency, start=start, end=end, rows=rows)
        return _attachment(workbook, content_type=XLSX, filename=f"{filename}.xlsx")
    if request.GET.get("pdf"):
        pdf = render_pdf(render_to_string("dossiers/forms/pdf.html", context, request=request))
        return _attachment(pdf, content_type="application/pdf", filename=f"{filename}.pdf")
    return render(request, "dossiers/forms/register.html", context)
