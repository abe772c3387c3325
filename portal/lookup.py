"""The public status lookup: what a citizen may see of a dossier from its code, and nothing more.

Everything here but `dossier_for_lookup` is a pure function of objects already loaded (R6).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from catalog.models import ProcedureVersion
from core.wording import short_date
from core.workdays import Timeliness, classify
from dossiers.codes import CHECK_LENGTH
from dossiers.models import Applicant, ApplicantKind, Dossier, ReturnMethod
from dossiers.workflow import NATIONAL_CODE, State
from org.models import Agency

MAX_CODE_LENGTH = 80  # Dossier.code's max_length
# Codes are ASCII (agency code, date, sequence, separators); anything else cannot match, so it
# is not worth a query.
_PLAUSIBLE_CODE = re.compile(rf"[!-~]{{1,{MAX_CODE_LENGTH}}}")


class CodeInputError(ValueError):
    """The input cannot be a code for a reason that says nothing about which codes exist."""


def normalise_code(raw: str) -> str:
    """The code as stored, from what was typed, pasted or scanned.

    NFKC turns the full-width digits some phone keyboards produce into ASCII; spaces are dropped
    (a code has none, copies from a PDF often do); letters are upper-cased as agency codes are
    issued ("000.00.17.h01" → "000.00.17.H01"). Control characters (NUL, a stray tab from a
    scanner) raise CodeInputError rather than being silently removed.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise CodeInputError(
            _("The code contains invisible control characters. Type it again or scan the QR code.")
        )
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")
    return text.upper()


def is_plausible_code(code: str) -> bool:
    return bool(_PLAUSIBLE_CODE.fullmatch(code))


def normalise_check(raw: str) -> str:
    """The check value as printed, from what was typed: full-width letters, spaces, dashes and
    lower case are forgiven; anything longer than a check value is cut (it cannot match)."""
    text = unicodedata.normalize("NFKC", raw[: CHECK_LENGTH * 4])
    return "".join(ch for ch in text if ch.isalnum()).upper()[: CHECK_LENGTH * 2]


def check_matches(given: str, stored: str) -> bool:
    """Whether the check value given is the dossier's, compared in constant time. A dossier
    without one (never, after the migration) matches nothing."""
    return bool(given) and bool(stored) and constant_time_compare(given, stored)


def mask_name(name: str) -> str:
    """Show only the family name and initials: "Nguyễn Văn An" → "Nguyễn V** A".

    The rule: the first word (the family name in Vietnamese order) is shown whole; each middle
    word becomes its first letter and "**"; the last word (the given name) becomes its first
    letter alone. The stars are always two, so the page does not reveal how long a name is. A
    one-word name shows its first letter and "**" only, because that word may be the given name.
    """
    words = [word for word in unicodedata.normalize("NFC", name).split() if _initial(word)]
    if not words:
        return ""
    if len(words) == 1:
        return f"{_initial(words[0])}**"
    middle = [f"{_initial(word)}**" for word in words[1:-1]]
    return " ".join([words[0], *middle, _initial(words[-1])])


def _initial(word: str) -> str:
    """The first letter or digit of a word (skipping quotes or brackets typed around it)."""
    return next((ch.upper() for ch in word if ch.isalnum()), "")


# One short label per national status code (DOMAIN.md §4), in the citizen's words.
_NATIONAL_LABELS = {
    1: _("Submitted online"),
    2: _("Received"),
    3: _("Not accepted"),
    4: _("Being processed"),
    5: _("More documents needed"),
    6: _("Waiting for payment"),
    7: _("Withdrawn"),
    8: _("Processing stopped"),
    9: _("Result ready"),
    10: _("Result returned"),
}

_STATE_SENTENCES = {
    State.SUBMITTED: _(
        "Your dossier was submitted online. The one-stop counter will check it and accept it, "
        "or tell you what is missing, within 8 working hours."
    ),
    State.ACCEPTED: _("Your dossier has been received and is waiting to be processed."),
    State.REFUSED: _("Your dossier was not accepted. The refusal notice you were given says why."),
    State.IN_PROGRESS: _("Your dossier is being processed."),
    State.PROPOSED: _("Your dossier has been processed and is waiting for the leader's approval."),
    State.SUPPLEMENT_REQUESTED: _(
        "Some documents are missing or need correcting. Bring or send everything the supplement "
        "request lists: the time limit starts again when the complete supplement is received."
    ),
    State.AWAITING_PAYMENT: _(
        "Your dossier is waiting for the fees or taxes to be paid. The time limit is paused "
        "until then."
    ),
    State.WITHDRAWN: _("Your dossier was withdrawn at your request."),
    State.STOPPED: _("Processing has stopped. The notice you were sent says why."),
    State.RETURNED: _("The result has been handed over."),
}

_READY_SENTENCES = {
    ReturnMethod.COUNTER: _(
        "The result is ready. Collect it at the place below; bring your receipt and your ID card."
    ),
    ReturnMethod.POST: _("The result is ready and will be sent to you by post."),
    ReturnMethod.ONLINE: _("The result is ready and will be sent to you online."),
}

_STATE_TONES = {
    State.REFUSED: "danger",
    State.STOPPED: "danger",
    State.SUPPLEMENT_REQUESTED: "warn",
    State.AWAITING_PAYMENT: "warn",
    State.RESULT_READY: "ok",
    State.RETURNED: "ok",
}

_TIMELINESS_TEXTS = {
    Timeliness.EARLY: (_("Finished early"), "ok"),
    Timeliness.ON_TIME: (_("On time"), "ok"),
    Timeliness.LATE: (_("Late"), "danger"),
    Timeliness.IN_PROGRESS: (_("Within the time limit"), "ok"),
    Timeliness.LATE_PENDING: (_("Past the due date"), "danger"),
}

# States in which the deadline means something to the citizen: not before receipt, not after a
# refusal, withdrawal or stop, not while the term waits to restart or is paused.
_TIMED_STATES = frozenset(
    {State.ACCEPTED, State.IN_PROGRESS, State.PROPOSED, State.RESULT_READY, State.RETURNED}
)


@dataclass(frozen=True)
class PublicState:
    """What a code alone shows: the state, nothing that says whose dossier it is or what for
    (no procedure, no name, no date, no place)."""

    code: str
    national_code: int
    state_label: str
    state_tone: str


def state_only(*, dossier: Dossier) -> PublicState:
    state = State(dossier.state)
    return PublicState(
        code=dossier.code,
        national_code=NATIONAL_CODE[state],
        state_label=_NATIONAL_LABELS[NATIONAL_CODE[state]],
        state_tone=_STATE_TONES.get(state, "info"),
    )


@dataclass(frozen=True)
class PublicDossier:
    """The public face of a dossier. It has no field for an ID number, address, phone, e-mail
    or full name, so a template cannot show one by mistake."""

    code: str
    procedure_name: str
    applicant: str  # masked
    national_code: int
    state_label: str
    state_text: str
    state_tone: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None  # the date promised last (after an apology, the new one)
    original_due_at: datetime | None  # set only when an apology moved the date
    show_due: bool
    finished_at: datetime | None
    returned_at: datetime | None
    timeliness: Timeliness | None
    timeliness_text: str
    timeliness_tone: str
    timeliness_note: str
    return_method: str
    return_place: str
    return_address: str
    return_phone: str


def public_view(*, dossier: Dossier, applicant_name: str, now: datetime) -> PublicDossier:
    """Shape a dossier for the public page (no database access). `applicant_name` is the
    primary applicant's name unmasked: it is masked here."""
    state = State(dossier.state)
    if state == State.RESULT_READY:
        sentence = _READY_SENTENCES.get(dossier.return_method, _READY_SENTENCES["counter"])
    else:
        sentence = _STATE_SENTENCES[state]
    timed = state in _TIMED_STATES and dossier.due_at is not None
    timeliness, timeliness_text, timeliness_tone, timeliness_note = None, "", "", ""
    if timed:
        finished = dossier.finished_at if state in (State.RESULT_READY, State.RETURNED) else None
        if dossier.extended_due_at is not None:
            # Decree 118 art. 19.6: after an apology the dossier still counts as late (reports
            # say so); the citizen is told the new date until it passes.
            timeliness = Timeliness.LATE if finished else Timeliness.LATE_PENDING
            timeliness_text = _("Late")
            timeliness_tone = "danger"
            if not finished and now < dossier.extended_due_at:
                timeliness_text = _("Extended to %(date)s") % {
                    "date": short_date(dossier.extended_due_at)
                }
                timeliness_tone = "warn"
            timeliness_note = _("The agency apologised for the delay and set a new date.")
        else:
            # Judged against the original date, as the national index counts it.
            timeliness = classify(due=dossier.due_at, finished_at=finished, now=now)
            timeliness_text, timeliness_tone = _TIMELINESS_TEXTS[timeliness]
    agency = dossier.return_agency
    return PublicDossier(
        code=dossier.code,
        procedure_name=dossier.procedure_version.name,
        applicant=mask_name(applicant_name),
        national_code=NATIONAL_CODE[state],
        state_label=_NATIONAL_LABELS[NATIONAL_CODE[state]],
        state_text=sentence,
        state_tone=_STATE_TONES.get(state, "info"),
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.effective_due_at,
        original_due_at=dossier.due_at if dossier.extended_due_at else None,
        show_due=state in _TIMED_STATES or state == State.AWAITING_PAYMENT,
        finished_at=dossier.finished_at if state in (State.RESULT_READY, State.RETURNED) else None,
        returned_at=dossier.returned_at if state == State.RETURNED else None,
        timeliness=timeliness,
        timeliness_text=timeliness_text,
        timeliness_tone=timeliness_tone,
        timeliness_note=timeliness_note,
        return_method=ReturnMethod(dossier.return_method).label,
        return_place=agency.name,
        return_address=agency.address,
        return_phone=agency.phone,
    )


# The busiest public page answers with one hand-written query: building the same query through
# the ORM (two joins and a correlated subquery) costs several times more than running it.
# Table names come from the models; `raw` still converts the dossier's own columns (time zones
# on SQLite included).
_LOOKUP_SQL = """
SELECT d.id, d.code, d.lookup_check, d.state, d.return_method, d.submitted_at, d.received_at,
       d.due_at, d.extended_due_at, d.finished_at, d.returned_at,
       v.name AS procedure_name,
       a.name AS return_place, a.address AS return_address, a.phone AS return_phone,
       (SELECT CASE WHEN p.kind = %(organisation)s AND p.organisation_name <> ''
                    THEN p.organisation_name ELSE p.full_name END
          FROM {applicant} p WHERE p.dossier_id = d.id
         ORDER BY p.is_primary DESC, p.id LIMIT 1) AS applicant_name
  FROM {dossier} d
  JOIN {version} v ON v.id = d.procedure_version_id
  JOIN {agency} a ON a.id = d.return_agency_id
 WHERE d.code = %(code)s
"""


# Two answers are cached per code and language: the state alone (for the code alone) and the
# full view, stored with a keyed digest of the check value so that only a request giving that
# value is served it.
STATE, FULL = "state", "full"


def cache_key(code: str, language: str, view: str = FULL) -> str:
    return f"lookup:v2:{language}:{view}:{code}"


def check_digest(check: str) -> str:
    """What the cache keeps of a check value: never the value itself."""
    return salted_hmac("portal.lookup.check", check).hexdigest()


def forget_cached_answer(code: str) -> None:
    """Drop the cached public answers for `code`, in every language: its dossier changed."""
    cache.delete_many(
        [
            cache_key(code, language, view)
            for language, _name in settings.LANGUAGES
            for view in (STATE, FULL)
        ]
    )


def answer_lifetime(view: PublicDossier, *, now: datetime, limit: int) -> int:
    """Seconds the rendered answer stays true without a change to the dossier: at most
    `limit`, and no later than the due date, where "within the time limit" turns late."""
    if view.due_at is None or view.finished_at is not None or view.due_at <= now:
        return limit
    return max(1, min(limit, int((view.due_at - now).total_seconds())))


def dossier_for_lookup(*, code: str) -> tuple[Dossier, str] | None:
    """The dossier with exactly this code and its primary applicant's display name (an
    organisation by its name, masked too: household businesses carry their owner's name), in
    one indexed query loading only what the public page shows."""
    sql = _LOOKUP_SQL.format(
        applicant=Applicant._meta.db_table,
        dossier=Dossier._meta.db_table,
        version=ProcedureVersion._meta.db_table,
        agency=Agency._meta.db_table,
    )
    rows = Dossier.objects.raw(sql, {"code": code, "organisation": ApplicantKind.ORGANISATION})
    dossier = next(iter(rows), None)
    if dossier is None:
        return None
    # Unsaved stand-ins carrying the joined columns, so `public_view` reads them as relations.
    dossier.procedure_version = ProcedureVersion(name=dossier.procedure_name)
    dossier.return_agency = Agency(
        name=dossier.return_place, address=dossier.return_address, phone=dossier.return_phone
    )
    return dossier, dossier.applicant_name or ""
