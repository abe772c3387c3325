"""The daily reconciliation (đối chiếu thu trong ngày): for each collecting agency and method,
the money taken that day (successful payments, by the moment they were confirmed) against the
valid receipts issued that day; the payments left without a valid receipt; the online attempts
still waiting past their expiry (the reconciliation task settles them). Reads only; a fixed
number of queries whatever the day's volume. Money in whole đồng."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workdays import VIETNAM
from org.models import Agency
from payments.models import PaymentAttempt, Receipt, ReceiptState
from payments.states import AttemptState, Method


@dataclass
class DayRow:
    agency: str
    method: str  # label
    payments: int = 0  # how many
    paid: int = 0  # đồng
    receipts: int = 0
    receipted: int = 0  # đồng

    @property
    def difference(self) -> int:
        return self.paid - self.receipted

    def add(self, other: "DayRow") -> None:
        self.payments += other.payments
        self.paid += other.paid
        self.receipts += other.receipts
        self.receipted += other.receipted


@dataclass
class DayBook:
    day: date
    rows: list[DayRow]
    total: DayRow
    cancelled: int = 0  # receipts cancelled that day
    unreceipted: list = field(default_factory=list)  # payments of the day without a receipt
    overdue_pending: int = 0  # online attempts still waiting past their expiry

    @property
    def balanced(self) -> bool:
        return all(row.difference == 0 for row in self.rows) and not self.unreceipted


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=VIETNAM)
    return start, start + timedelta(days=1)


def day_book(*, agency_ids, day: date, now: datetime | None = None) -> DayBook:
    """The day's book for the collecting agencies `agency_ids` (already scoped to the user)."""
    now = now or timezone.now()
    ids = list(agency_ids)
    start, end = _bounds(day)
    succeeded = PaymentAttempt.objects.filter(
        state=AttemptState.SUCCEEDED,
        settled_at__gte=start,
        settled_at__lt=end,
        obligation__agency_id__in=ids,
    )
    paid = (
        succeeded.order_by()
        .values("obligation__agency_id", "method")
        .annotate(n=Count("id"), total=Sum("amount"))
    )
    issued = Receipt.objects.filter(agency_id__in=ids, issued_at__gte=start, issued_at__lt=end)
    receipted = (
        issued.filter(state=ReceiptState.ISSUED)
        .order_by()
        .values("agency_id", "method")
        .annotate(n=Count("id"), total=Sum("amount"))
    )
    names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows: dict[tuple, DayRow] = {}

    def row(agency_id, method) -> DayRow:
        key = (names.get(agency_id, ""), method)
        if key not in rows:
            rows[key] = DayRow(agency=key[0], method=str(Method(method).label))
        return rows[key]

    for item in paid:
        found = row(item["obligation__agency_id"], item["method"])
        found.payments, found.paid = item["n"], item["total"]
    for item in receipted:
        found = row(item["agency_id"], item["method"])
        found.receipts, found.receipted = item["n"], item["total"]
    ordered = [rows[key] for key in sorted(rows)]
    total = DayRow(agency=_("Total"), method="")
    for item in ordered:
        total.add(item)
    valid = Receipt.objects.filter(attempt=OuterRef("pk"), state=ReceiptState.ISSUED)
    return DayBook(
        day=day,
        rows=ordered,
        total=total,
        cancelled=Receipt.objects.filter(
            agency_id__in=ids,
            state=ReceiptState.CANCELLED,
            cancelled_at__gte=start,
            cancelled_at__lt=end,
        ).count(),
        unreceipted=list(
            succeeded.filter(~Exists(valid))
            .select_related("obligation__dossier")
            .order_by("settled_at", "id")[:50]
        ),
        overdue_pending=PaymentAttempt.objects.filter(
            state=AttemptState.PENDING, expires_at__lt=now, obligation__agency_id__in=ids
        ).count(),
    )


HEADINGS = (
    "Cơ quan thu",
    "Hình thức",
    "Số giao dịch",
    "Số tiền đã thu (đồng)",
    "Số biên lai",
    "Tổng tiền trên biên lai (đồng)",
    "Chênh lệch (đồng)",
)


def day_book_workbook(book: DayBook, *, scope: str) -> bytes:
    """The day's book as .xlsx, in Vietnamese: title, one row per agency and method, the total
    row, then the payments without a receipt. Amounts are numbers (integers), so the sheet
    sums them as the page does."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Doi chieu"
    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=11)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    last = get_column_letter(len(HEADINGS))
    sheet.append(["BẢNG ĐỐI CHIẾU THU PHÍ, LỆ PHÍ TRONG NGÀY"])
    sheet.append([scope])
    sheet.append([f"Ngày {book.day:%d/%m/%Y}"])
    for line in (1, 2, 3):
        sheet.merge_cells(f"A{line}:{last}{line}")
        sheet[f"A{line}"].font = bold
        sheet[f"A{line}"].alignment = Alignment(horizontal="center")
    sheet.append([])
    header = sheet.max_row + 1
    sheet.append(list(HEADINGS))
    for item in [*book.rows, book.total]:
        sheet.append(
            [
                item.agency,
                item.method,
                item.payments,
                item.paid,
                item.receipts,
                item.receipted,
                item.difference,
            ]
        )
    for cells in sheet.iter_rows(min_row=header, max_row=sheet.max_row):
        for cell in cells:
            cell.border = box
            cell.font = bold if cell.row in (header, sheet.max_row) else plain
            if cell.column >= 3 and cell.row > header:
                cell.number_format = "#,##0"
    sheet.append([])
    sheet.append([f"Số biên lai hủy trong ngày: {book.cancelled}"])
    if book.unreceipted:
        sheet.append(["Giao dịch chưa có biên lai hợp lệ:"])
        for attempt in book.unreceipted:
            sheet.append([attempt.obligation.dossier.code, attempt.reference, "", attempt.amount])
    for index, width in enumerate((34, 26, 14, 22, 12, 26, 18), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
