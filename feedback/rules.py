"""The feedback rules as pure functions: codes, deadlines, what a public page may show, the
on-time rate. No database access here; the services and selectors feed them."""

import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from core.workdays import DEFAULT_HOURS, OfficeHours, Term, TermUnit, WorkingCalendar, due_at

# Decree 20/2008 art. 10 (as amended by Decree 48/2013): feedback outside the agency's
# competence is forwarded to the competent agency within 5 working days of receipt.
FORWARD_TERM = Term(5, TermUnit.WORKING_DAYS)

# Codes: "PA-" + the receipt date + 6 characters drawn at random from an alphabet without the
# letters people confuse (I, L, O, U). The code is all the public follow-up page asks for, so it
# must not be guessable from the previous one the way a day's sequence number is: 31^6 ≈ 887
# million codes a day, against a lookup limited per client address.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RANDOM_LENGTH = 6
CODE_PATTERN = re.compile(rf"PA-\d{{6}}-[{CODE_ALPHABET}]{{{CODE_RANDOM_LENGTH}}}")
MAX_CODE_LENGTH = 16


def make_code(day: date, *, choice=secrets.choice) -> str:
    random_part = "".join(choice(CODE_ALPHABET) for _ in range(CODE_RANDOM_LENGTH))
    return f"PA-{day:%y%m%d}-{random_part}"


def normalise_code(raw: str) -> str:
    """The code as issued, from what was typed: full-width characters, spaces and lower case are
    forgiven, and the letters people confuse are read as the digits they look like."""
    text = unicodedata.normalize("NFKC", raw[: MAX_CODE_LENGTH * 4]).upper()
    text = "".join(ch for ch in text if ch.isalnum() or ch == "-")
    head, _, tail = text.rpartition("-")
    tail = tail.replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{head}-{tail}" if head else tail


def is_plausible_code(code: str) -> bool:
    return bool(CODE_PATTERN.fullmatch(code))


def forward_due(
    received_at: datetime, *, calendar: WorkingCalendar, hours: OfficeHours = DEFAULT_HOURS
) -> datetime:
    """When an item outside our competence must have been forwarded (5 working days)."""
    return due_at(received_at, FORWARD_TERM, calendar=calendar, hours=hours)


def answer_due(
    received_at: datetime,
    *,
    days: int,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> datetime:
    """When the answer to an item within our competence is due: `days` working days counted
    from receipt, like a dossier's term (the receipt day itself is not counted)."""
    return due_at(received_at, Term(days, TermUnit.WORKING_DAYS), calendar=calendar, hours=hours)


# --- What a public page may show -----------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Runs of 8+ digits, possibly split by spaces, dots or dashes: phone numbers (0912 345 678,
# +84 912.345.678), ID numbers (9 or 12 digits), bank accounts. Shorter numbers (a house number,
# a year, an amount in đồng) stay.
_LONG_NUMBER = re.compile(r"\+?\d(?:[\s.\-]?\d){7,}")
HIDDEN = "***"


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    """`text` without e-mail addresses, phone and ID numbers, or the given names (the sender's
    full name, matched whole and case-insensitively). What a staff member publishes starts
    from this; they read it before it goes out."""
    text = unicodedata.normalize("NFC", text)
    text = _EMAIL.sub(HIDDEN, text)
    text = _LONG_NUMBER.sub(HIDDEN, text)
    for name in names:
        name = " ".join(unicodedata.normalize("NFC", name).split())
        if len(name) >= 2:
            pattern = r"\s+".join(re.escape(word) for word in name.split())
            text = re.sub(pattern, HIDDEN, text, flags=re.IGNORECASE)
    return text


# --- The on-time rate ----------------------------------------------------------------------


@dataclass(frozen=True)
class OnTimeRate:
    on_time: int
    late: int  # answered after the due date, or still unanswered past it

    @property
    def counted(self) -> int:
        return self.on_time + self.late

    @property
    def percent(self) -> float | None:
        """The share answered on time, in percent; None when nothing was due."""
        return round(100 * self.on_time / self.counted, 1) if self.counted else None


def on_time_rate(items: Iterable[tuple[datetime, datetime | None]], *, now: datetime) -> OnTimeRate:
    """From (answer due, answered at) of the items within competence whose answer fell due in
    the period: answered at or before the due time is on time; answered after it, or still
    unanswered once it has passed, is late; unanswered and not yet due is not counted yet
    (Decision 766, indicator "feedback answered on time")."""
    on_time = late = 0
    for due, answered in items:
        if answered is not None:
            if answered <= due:
                on_time += 1
            else:
                late += 1
        elif now > due:
            late += 1
    return OnTimeRate(on_time, late)
