"""The tracking register (Sổ theo dõi hồ sơ, Mẫu 07): the dossiers an agency received in a
date range, one line each, as rows for the page and the PDF and as an Excel workbook."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

from core.wording import short_date
from core.workdays import VIETNAM, to_vietnam_time
from dossiers.models import Dossier, StatusChange
from dossiers.models_results import CollectorKind
from dossiers.workflow import Action, State

# The columns of the register, in the order of the form; the five dates sit under one heading.
COLUMNS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
    "Ghi chú",
]
DATE_COLUMNS = slice(7, 12)
DATES_HEADING = "Ngày, tháng, năm"

# A register note only for what departs from the usual course.
STATE_NOTES = {
    State.SUPPLEMENT_REQUESTED: "Chờ bổ sung hồ sơ",
    State.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    State.WITHDRAWN: "Rút hồ sơ",
    State.STOPPED: "Dừng giải quyết",
}


@dataclass(frozen=True)
class RegisterRow:
    number: int
    code: str
    procedure: str
    sets: int
    applicant: str
    address_phone: str
    competent_agency: str
    received_at: datetime | None
    due_at: datetime | None
    sent_at: datetime | None
    result_at: datetime | None
    returned_at: datetime | None
    note: str

    @property
    def code_parts(self) -> list[str]:
        """The code cut at its hyphens: a narrow column may wrap it there and nowhere else."""
        return self.code.split("-")

    @property
    def dates(self) -> list[datetime | None]:
        return [self.received_at, self.due_at, self.sent_at, self.result_at, self.returned_at]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM)


def register_dossiers(*, agency, start: date, end: date):
    """Dossiers received by `agency` from `start` to `end` inclusive (Vietnam dates), oldest
    first, with the time each was first sent on to the agency handling it."""
    sent = (
        StatusChange.objects.filter(
            dossier=OuterRef("pk"), action__in=[Action.ASSIGN, Action.TRANSFER]
        )
        .values("dossier")
        .annotate(first=Min("at"))
        .values("first")
    )
    return (
        Dossier.objects.filter(
            receiving_agency=agency,
            received_at__gte=_day_start(start),
            received_at__lt=_day_start(end + timedelta(days=1)),
        )
        .select_related("procedure_version", "competent_agency", "collection")
        .prefetch_related("applicants")
        .annotate(sent_at=Subquery(sent))
        .order_by("received_at", "id")
    )


def _note(dossier: Dossier, *, now: datetime) -> str:
    notes = []
    if dossier.state in STATE_NOTES:
        notes.append(STATE_NOTES[dossier.state])
    if dossier.extended_due_at:
        notes.append(f"Xin lỗi, hẹn lại ngày {short_date(dossier.extended_due_at)}")
    # Stopped, withdrawn or waiting for the applicant: the clock is not the agency's.
    waiting = dossier.state in STATE_NOTES
    if not waiting and dossier.due_at and (dossier.finished_at or now) > dossier.due_at:
        notes.append("Quá hạn")
    collector = _collector(dossier)
    if collector:
        notes.append(collector)
    return "; ".join(notes)


def _collector(dossier: Dossier) -> str:
    """Who took the result, with the ID number masked as on every page."""
    collection = getattr(dossier, "collection", None) if dossier.returned_at else None
    if collection is None:
        return ""
    if collection.kind == CollectorKind.APPLICANT:
        return f"Người nộp nhận kết quả, CCCD {collection.masked_id}"
    return (
        f"Người được ủy quyền nhận kết quả: {collection.full_name} ({collection.relationship}), "
        f"CCCD {collection.masked_id}, {collection.authorisation}"
    )


def register_rows(*, agency, start: date, end: date) -> list[RegisterRow]:
    now = timezone.now()
    rows = []
    for number, dossier in enumerate(register_dossiers(agency=agency, start=start, end=end), 1):
        applicants = list(dossier.applicants.all())
        applicant = next((a for a in applicants if a.is_primary), None) or (
            applicants[0] if applicants else None
        )
        contact = ", ".join(part for part in (applicant.address, applicant.phone) if part)
        result_at = (
            dossier.finished_at if dossier.state in {State.RESULT_READY, State.RETURNED} else None
        )
        rows.append(
            RegisterRow(
                number=number,
                code=dossier.code,
                procedure=dossier.procedure_version.name,
                sets=dossier.sets,
                applicant=str(applicant) if applicant else "",
                address_phone=contact if applicant else "",
                competent_agency=dossier.competent_agency.name,
                received_at=dossier.received_at,
                due_at=dossier.due_at,
                sent_at=dossier.sent_at,
                result_at=result_at,
                returned_at=dossier.returned_at,
                note=_note(dossier, now=now),
            )
        )
    return rows


def register_line(dossier: Dossier) -> tuple[int, int]:
    """The book (the year) and the line of `dossier` in its counter's register, for the
    receipt: registers are kept one book a year."""
    received = to_vietnam_time(dossier.received_at)
    before = Dossier.objects.filter(
        receiving_agency_id=dossier.receiving_agency_id,
        received_at__gte=_day_start(date(received.year, 1, 1)),
    ).filter(
        Q(received_at__lt=dossier.received_at)
        | Q(received_at=dossier.received_at, id__lte=dossier.pk)
    )
    return received.year, before.count()


def register_workbook(*, agency, start: date, end: date, rows: list[RegisterRow]) -> bytes:
    """The register as an .xlsx file: a title block, the form's two header rows, one row per
    dossier, dates as real Excel dates so offices can sort and filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ theo dõi hồ sơ"
    width = len(COLUMNS)
    last = get_column_letter(width)
    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=11)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrapped = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    sheet.append([agency.name.upper()])
    sheet.append(["SỔ THEO DÕI HỒ SƠ"])
    sheet.append([f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"])
    for line in (1, 2, 3):
        sheet.merge_cells(f"A{line}:{last}{line}")
        sheet[f"A{line}"].font = bold
        sheet[f"A{line}"].alignment = centred
    # Header: row 5 names the columns, row 6 the five dates under "Ngày, tháng, năm".
    header, sub = 5, 6
    for index, title in enumerate(COLUMNS, 1):
        letter = get_column_letter(index)
        if DATE_COLUMNS.start < index <= DATE_COLUMNS.stop:
            sheet.cell(row=sub, column=index, value=title)
        else:
            sheet.cell(row=header, column=index, value=title)
            sheet.merge_cells(f"{letter}{header}:{letter}{sub}")
    first_date = get_column_letter(DATE_COLUMNS.start + 1)
    sheet.cell(row=header, column=DATE_COLUMNS.start + 1, value=DATES_HEADING)
    sheet.merge_cells(f"{first_date}{header}:{get_column_letter(DATE_COLUMNS.stop)}{header}")
    for row in sheet.iter_rows(min_row=header, max_row=sub, max_col=width):
        for cell in row:
            cell.font, cell.alignment, cell.border = bold, centred, box

    for item in rows:
        values = [
            item.number,
            item.code,
            item.procedure,
            item.sets,
            item.applicant,
            item.address_phone,
            item.competent_agency,
            # Excel has no time zones: Vietnam wall-clock time, as printed on the forms.
            *[to_vietnam_time(d).replace(tzinfo=None) if d else None for d in item.dates],
            item.note,
        ]
        sheet.append(values)
        for index, cell in enumerate(sheet[sheet.max_row], 1):
            cell.font, cell.border, cell.alignment = plain, box, wrapped
            # openpyxl stores text starting with "=" as a formula: a name or address typed
            # as "=HYPERLINK(…)" must stay text when the office opens the file.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            if DATE_COLUMNS.start < index <= DATE_COLUMNS.stop:
                cell.number_format = "dd/mm/yyyy hh:mm"
    for index, chars in enumerate([5, 26, 40, 9, 24, 30, 28, 16, 16, 16, 16, 16, 24], 1):
        sheet.column_dimensions[get_column_letter(index)].width = chars
    sheet.freeze_panes = f"A{sub + 1}"
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{header}:{sub}"
    output = BytesIO()
    book.save(output)
    return output.getvalue()
