"""The statistics report on receiving and resolving procedures: the page, ?xlsx=1 for the
provinces' workbook, ?pdf=1 for the signed A4 report."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.documents import render_pdf
from core.wording import long_date, place_name
from org.access import OFFICE_ROLES, staff_required
from reports import charts
from reports.selectors import scope_for
from reports.statistics import period_of, statistics
from reports.statistics_layout import BREAKDOWNS, HEADINGS, TITLE, row_label, row_values
from reports.statistics_workbook import statistics_workbook
from reports.targets import on_time_by_month
from reports.views_index import period_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def quick_periods(today: date) -> list[tuple[str, date, date]]:
    """This month, each quarter of the year so far, and the year: the periods reported."""
    year = today.year
    periods = [(f"Tháng {today.month}/{year}", *period_of("month", year, today.month))]
    for quarter in range(1, (today.month - 1) // 3 + 2):
        periods.append((f"Quý {quarter}/{year}", *period_of("quarter", year, quarter)))
    periods.append((f"Năm {year}", *period_of("year", year)))
    periods.append((f"Năm {year - 1}", *period_of("year", year - 1)))
    return periods


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required(*OFFICE_ROLES)
@require_GET
def statistics_page(request):
    form = period_form(request)
    today = timezone.localdate()
    context = {
        "nav": "statistics",
        "form": form,
        "quick": quick_periods(today),
        "headings": HEADINGS,
    }
    if not form.is_valid():
        return render(request, "reports/statistics.html", context)
    data = form.cleaned_data
    agency, start, end = data["agency"], data["start"], data["end"]
    result = statistics(scope_for(agency, first_day=start, last_day=end))
    tables = [
        {
            "name": name,
            "label_heading": label_heading,
            "rows": [(row_label(row, key), row_values(row)) for row in getattr(result, key)],
        }
        for name, label_heading, key in BREAKDOWNS
    ]
    total = result.total
    context |= {
        "mix_chart": charts.mix(
            [
                ("Trực tiếp", total.received_counter),
                ("Trực tuyến toàn trình", total.received_online_full),
                ("Trực tuyến một phần", total.received_online_partial),
                ("Bưu chính công ích", total.received_post),
            ],
            title=_("Dossiers received by channel"),
            ident="mix",
        ),
        "trend_chart": charts.trend(
            on_time_by_month(agency, first_day=start, last_day=end),
            title=_("Dossiers resolved early or on time, per month (%)"),
            ident="on-time",
            missing=_("nothing to count"),
        ),
        "agency": agency,
        "start": start,
        "end": end,
        "result": result,
        "tables": tables,
        "total": row_values(result.total),
        "query": f"agency={agency.pk}&start={start:%d/%m/%Y}&end={end:%d/%m/%Y}",
    }
    filename = f"thong-ke-tthc-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}"
    # Counts only, no personal data: an export is not an audited event (the register is).
    export = "xlsx" if request.GET.get("xlsx") else "pdf" if request.GET.get("pdf") else ""
    if export == "xlsx":
        workbook = statistics_workbook(result, agency_name=agency.name)
        return _attachment(workbook, content_type=XLSX, filename=f"{filename}.xlsx")
    if export == "pdf":
        context |= {
            "document_title": f"{TITLE} – {agency.name} – {start:%d/%m/%Y}–{end:%d/%m/%Y}",
            "title": TITLE,
            "parent_name": agency.parent.name if agency.parent_id else "",
            "agency_name": agency.name,
            "place_date": f"{place_name(agency)}, {long_date(timezone.now())}",
            "compiler": str(request.user),
        }
        pdf = render_pdf(render_to_string("reports/statistics_pdf.html", context, request=request))
        return _attachment(pdf, content_type="application/pdf", filename=f"{filename}.pdf")
    return render(request, "reports/statistics.html", context)
