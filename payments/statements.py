"""Bank statements (CSV or Excel, as banks export them) read into credit lines, and each line
matched to the obligation whose reference its description carries. Pure: reading and matching
need no database beyond the obligations passed in; the service applies the matches."""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.text import fold

# References as payments.services_shared.new_reference makes them: "MC" and 8 characters of an
# alphabet without 0/O and 1/I/L. Banks upper-case, drop or add spaces; the search is tolerant.
REFERENCE = re.compile(r"MC\s?([2-9A-HJKMNP-Z]{8})", re.IGNORECASE)

# Header names banks use, folded (no diacritics, lower case), for each column we need.
COLUMNS = {
    "amount": ("so tien ghi co", "ghi co", "so tien", "credit", "amount", "so tien giao dich"),
    "description": ("noi dung", "dien giai", "mo ta", "description", "noi dung giao dich"),
    "reference": ("so tham chieu", "ma giao dich", "so but toan", "reference", "transaction id"),
    "date": ("ngay giao dich", "ngay", "date", "ngay hach toan"),
}
MAX_LINES = 5000


class StatementError(ValueError):
    """The file cannot be read as a statement; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Line:
    number: int  # the line in the file, for the person who checks
    amount: int
    description: str
    bank_reference: str
    date: str

    @property
    def obligation_reference(self) -> str:
        match = REFERENCE.search(self.description or "")
        return f"MC{match.group(1).upper()}" if match else ""


def _amount(text) -> int | None:
    """ "150.000", "150,000", "150000 VND", 150000 → 150000; a debit, zero or text → None."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return int(text) if text > 0 and float(text).is_integer() else None
    digits = re.sub(r"[.,\s]|vnd|đ$", "", str(text or "").strip().lower())
    if not digits.isdigit():
        return None
    value = int(digits)
    return value if value > 0 else None


def _columns(header: list) -> dict[str, int]:
    folded = [fold(str(cell or "")).strip() for cell in header]
    found = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in folded:
                found[key] = folded.index(name)
                break
    return found


def lines_from_rows(rows: list[list]) -> list[Line]:
    """The credit lines of a statement given as rows; the header is the first row naming an
    amount and a description column (banks put a title block above it)."""
    found = [
        (index, columns)
        for index, columns in ((i, _columns(row)) for i, row in enumerate(rows[:30]))
        if "amount" in columns and "description" in columns
    ]
    if not found:
        raise StatementError(
            _("No header row with an amount column and a description column was found.")
        )
    index, columns = found[0]
    lines = []
    for number, row in enumerate(rows[index + 1 :], start=index + 2):
        if len(lines) >= MAX_LINES:
            raise StatementError(_("The statement has too many lines: split it by day."))

        def cell(key, row=row):
            position = columns.get(key)
            return row[position] if position is not None and position < len(row) else ""

        amount = _amount(cell("amount"))
        if amount is None:
            continue  # a debit, a subtotal, a blank line
        lines.append(
            Line(
                number=number,
                amount=amount,
                description=str(cell("description") or "")[:500],
                bank_reference=str(cell("reference") or "")[:64],
                date=str(cell("date") or "")[:40],
            )
        )
    return lines


def rows_from_csv(data: bytes) -> list[list]:
    if b"\x00" in data:
        raise StatementError(_("This is not a text (CSV) file."))
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything
        raise StatementError(_("The file's characters cannot be read."))
    # Banks use commas, semicolons (Excel with Vietnamese settings) or tabs; the title block
    # above the header confuses csv.Sniffer, so the most frequent of the three wins.
    head = text[:4096]
    delimiter = max(",;\t", key=head.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def rows_from_xlsx(upload) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise StatementError(_("The Excel file cannot be read.")) from None
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > MAX_LINES + 40:
            break
    book.close()
    return rows


@dataclass(frozen=True)
class Match:
    line: Line
    obligation_id: int | None
    problem: str  # empty when the line pays its obligation


def match_lines(lines: list[Line], obligations: dict[str, "object"]) -> list[Match]:
    """Each line against the obligations by reference (`obligations`: reference → obligation
    with `pk`, `amount`, `state`). A line pays its obligation only when the reference is known,
    the obligation is still due, the amount is exact and no other line pays it too."""
    matches, taken = [], set()
    for line in lines:
        reference = line.obligation_reference
        obligation = obligations.get(reference) if reference else None
        if not reference:
            problem = _("no payment reference in the description")
        elif obligation is None:
            problem = _("no amount owed here has the reference %(reference)s") % {
                "reference": reference
            }
        elif obligation.state != "due":
            problem = _("the amount %(reference)s is no longer due") % {"reference": reference}
        elif line.amount != obligation.amount:
            problem = _("%(paid)s paid, %(owed)s owed") % {
                "paid": f"{line.amount:,}".replace(",", "."),
                "owed": f"{obligation.amount:,}".replace(",", "."),
            }
        elif obligation.pk in taken:
            problem = _("another line of the statement already pays %(reference)s") % {
                "reference": reference
            }
        else:
            problem = ""
            taken.add(obligation.pk)
        matches.append(Match(line, obligation.pk if obligation and not problem else None, problem))
    return matches
