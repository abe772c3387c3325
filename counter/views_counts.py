"""Staff pages for officers (never volunteers): the large-print declaration of a dossier with
read-aloud, and the counts of people served by each counter model."""

from datetime import date, datetime, time, timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog.declaration import declaration_rows
from catalog.selectors import declaration_addressee_for, fields_in_use
from counter.counts import MODELS, count_procedure_choices, counts_workbook, model_counts
from counter.forms_guidance import CountsForm
from dossiers.selectors import dossier_for_staff
from org.access import OFFICE_ROLES, staff_required
from org.selectors import agency_list_for
from postal.selectors import postal_share

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required()
@require_GET
def declaration_large(request, pk: int):
    """The filled declaration in large type, read aloud on request, printable on A4 for the
    citizen's signature or fingerprint ("Công dân không viết")."""
    dossier = dossier_for_staff(request.user, pk=pk)
    version = dossier.procedure_version
    fields = list(version.form_fields.all())
    rows = declaration_rows(fields, dossier.form_data)
    applicants = list(dossier.applicants.all())
    applicant = next((a for a in applicants if a.is_primary), applicants[0] if applicants else None)
    assisted_note = ""
    if dossier.assisted:
        helper = dossier.assisted_by
        assisted_note = "Tờ khai do {name} kê khai hộ ({reason}).".format(
            name=(helper.full_name or str(helper)) if helper else "cán bộ",
            reason=_lower(dossier.get_support_category_display()),
        )
    return render(
        request,
        "counter/declaration_large.html",
        {
            "nav": "dossiers",
            "dossier": dossier,
            "procedure": version.procedure,
            "version": version,
            "rows": rows,
            "addressee": declaration_addressee_for(version, agency=dossier.competent_agency),
            "large": True,
            "applicant": str(applicant) if applicant else "",
            "assisted_note": assisted_note,
        },
    )


def _lower(text) -> str:
    return str(text)[:1].lower() + str(text)[1:]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _defaults() -> dict:
    """From the first of January to today: the seeds report "by 15/9"."""
    today = timezone.localdate()
    return {"start": f"{date(today.year, 1, 1):%d/%m/%Y}", "end": f"{today:%d/%m/%Y}"}


@staff_required(*OFFICE_ROLES)  # the office's own figures: not the post office's clerk (R5)
@require_GET
def counts(request):
    """People served by each model over a period, per agency, field and procedure; ?xlsx=1
    downloads the same as Excel."""
    agencies = agency_list_for(request.user).filter(is_active=True)
    form = CountsForm(
        _defaults() | request.GET.dict(),
        agencies=agencies,
        fields=fields_in_use(),
        procedures=count_procedure_choices(request.user),
    )
    context = {"nav": "counts", "form": form, "models": MODELS}
    if not form.is_valid():
        return render(request, "counter/counts.html", context)
    data = form.cleaned_data
    result = model_counts(
        request.user,
        start=data["start"],
        end=data["end"],
        agency=data["agency"],
        field_id=data["field"].pk if data["field"] else None,
        procedure_id=data["procedure"],
    )
    scope = data["agency"].name if data["agency"] else _("All the agencies I can see")
    if request.GET.get("xlsx"):
        content = counts_workbook(result, scope=str(scope))
        response = HttpResponse(content, content_type=XLSX)
        filename = f"so-lieu-mo-hinh-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    query = request.GET.copy()
    query.pop("xlsx", None)
    query.update({k: v for k, v in _defaults().items() if k not in query})
    return render(
        request,
        "counter/counts.html",
        context
        | {
            "counts": result,
            "scope": scope,
            "query": query.urlencode(),
            "postal_share": postal_share(
                request.user,
                agency=data["agency"],
                field_id=data["field"].pk if data["field"] else None,
                procedure_id=data["procedure"],
                received=(_day_start(data["start"]), _day_start(data["end"] + timedelta(days=1))),
            ),
        },
    )
