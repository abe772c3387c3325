"""The counts the seeds report (DOMAIN.md §8): people served by each counter model, per agency,
field and procedure over a period. Counted from the dossiers and the guidance records
themselves, never from separate tallies, in a fixed number of aggregate queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalog.selectors import published_versions
from counter.models import GuidanceSlip, GuidedSession, HardStep
from dossiers.models import Dossier
from org.access import agency_and_below, reference_agency_ids, scope_to_user
from org.models import Agency

# The models, in the order the seeds list them, with the label of their column.
MODELS = (
    ("assisted", gettext_lazy("Assisted filling (“Công dân không viết”)")),
    ("guided", gettext_lazy("Guided online submission")),
    ("post", gettext_lazy("Received by post")),
    ("returned_post", gettext_lazy("Results returned by post")),
    ("slips", gettext_lazy("Guidance slips")),
)
SHORT_NAMES = {
    "assisted": gettext_lazy("Assisted filling"),
    "guided": gettext_lazy("Guided online submission"),
    "post": gettext_lazy("Received by post"),
    "returned_post": gettext_lazy("Results returned by post"),
    "slips": gettext_lazy("Guidance slips"),
}


@dataclass
class CountRow:
    agency: str = ""
    field: str = ""
    procedure_code: str = ""
    procedure: str = ""
    assisted: int = 0
    guided_dossiers: int = 0  # dossiers submitted online with a helper
    sessions: int = 0  # guided sessions recorded
    sessions_without_dossier: int = 0  # the citizen was guided but submitted elsewhere or later
    post: int = 0
    # Of the dossiers received in the period, those whose result went back by post (BCCI).
    returned_post: int = 0
    slips: int = 0

    @property
    def guided(self) -> int:
        """People guided online: each guided dossier once, plus sessions that left none
        (a session with a dossier is that dossier, not a second person)."""
        return self.guided_dossiers + self.sessions_without_dossier

    def add(self, other: "CountRow") -> None:
        for name in (
            "assisted",
            "guided_dossiers",
            "sessions",
            "sessions_without_dossier",
            "post",
            "returned_post",
            "slips",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Counts:
    start: date
    end: date
    rows: list[CountRow]
    total: CountRow
    hard_steps: list[tuple[str, int]] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """ "Assisted filling: 140 people by 15/09/2026", one per model."""
        day = f"{self.end:%d/%m/%Y}"
        return [
            ngettext(
                "%(model)s: %(count)s person by %(day)s",
                "%(model)s: %(count)s people by %(day)s",
                getattr(self.total, key),
            )
            % {"model": SHORT_NAMES[key], "count": getattr(self.total, key), "day": day}
            for key, _label in MODELS
        ]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(
    rows: QuerySet, *, agency_field: str, start, end, below, field_id, procedure_id
) -> QuerySet:
    if below is not None:
        rows = rows.filter(**{f"{agency_field}__in": below})
    rows = rows.filter(
        created_at__gte=_moment(start),
        created_at__lt=_moment(end + timedelta(days=1)),
    )
    if field_id:
        rows = rows.filter(procedure_version__field_id=field_id)
    if procedure_id:
        rows = rows.filter(procedure_version__procedure_id=procedure_id)
    return rows


GROUP = (
    "procedure_version__field__name",
    "procedure_version__procedure_id",
    "procedure_version__procedure__national_code",
    "procedure_version__procedure__local_code",
)


def model_counts(
    user,
    *,
    start: date,
    end: date,
    agency: Agency | None = None,
    field_id: int | None = None,
    procedure_id: int | None = None,
) -> Counts:
    """People served by each model between `start` and `end` (both included, local days), per
    agency, field and procedure, within the agencies `user` may see. Four queries, and one more
    for the tree when an agency is chosen: its rows and those of every agency below it."""
    where = {
        "start": start,
        "end": end,
        "below": None if agency is None else agency_and_below([agency]),
        "field_id": field_id,
        "procedure_id": procedure_id,
    }
    dossiers = _filtered(
        scope_to_user(Dossier.objects.all(), user, agency_field="receiving_agency"),
        agency_field="receiving_agency",
        **where,
    ).filter(
        ~Q(support_category="")
        | Q(guided_online=True)
        | Q(received_by_post=True)
        | Q(returned_by_post=True)
    )
    dossier_rows = (
        dossiers.order_by()
        .values("receiving_agency__name", *GROUP)
        .annotate(
            name=Max("procedure_version__name"),
            assisted=Count("id", filter=~Q(support_category="")),
            guided=Count("id", filter=Q(guided_online=True)),
            post=Count("id", filter=Q(received_by_post=True)),
            returned_post=Count("id", filter=Q(returned_by_post=True)),
        )
    )
    slips = _filtered(
        scope_to_user(GuidanceSlip.objects.all(), user), agency_field="agency", **where
    )
    slip_rows = (
        slips.order_by()
        .values("agency__name", *GROUP)
        .annotate(name=Max("procedure_version__name"), slips=Count("id"))
    )
    sessions = _filtered(
        scope_to_user(GuidedSession.objects.all(), user), agency_field="agency", **where
    )
    session_rows = (
        sessions.order_by()
        .values("agency__name", *GROUP)
        .annotate(
            name=Max("procedure_version__name"),
            sessions=Count("id"),
            alone=Count("id", filter=Q(dossier__isnull=True)),
        )
    )
    grid: dict[tuple, CountRow] = {}

    def row_for(values: dict, agency_name: str) -> CountRow:
        key = (agency_name, values[GROUP[0]], values[GROUP[1]])
        if key not in grid:
            grid[key] = CountRow(
                agency=agency_name,
                field=values[GROUP[0]] or "",
                procedure_code=values[GROUP[3]] or values[GROUP[2]],
                procedure=values["name"],
            )
        return grid[key]

    for values in dossier_rows:
        row = row_for(values, values["receiving_agency__name"])
        row.assisted += values["assisted"]
        row.guided_dossiers += values["guided"]
        row.post += values["post"]
        row.returned_post += values["returned_post"]
    for values in slip_rows:
        row_for(values, values["agency__name"]).slips += values["slips"]
    for values in session_rows:
        row = row_for(values, values["agency__name"])
        row.sessions += values["sessions"]
        row.sessions_without_dossier += values["alone"]

    labels = dict(HardStep.choices)
    steps = dict(
        sessions.order_by()
        .values_list("hard_step")
        .annotate(count=Count("id"))
        .values_list("hard_step", "count")
    )
    rows = sorted(grid.values(), key=lambda r: (r.agency, r.field, r.procedure_code))
    total = CountRow()
    for row in rows:
        total.add(row)
    return Counts(
        start=start,
        end=end,
        rows=rows,
        total=total,
        hard_steps=[(labels[key], steps.get(key, 0)) for key in HardStep.values],
    )


def count_procedure_choices(user) -> list[tuple[int, str]]:
    """The procedures `user` reads in the catalogue, as (procedure id, "code – name")."""
    versions = (
        published_versions()
        .filter(procedure__agencies__in=reference_agency_ids(user))
        .select_related("procedure")
        .order_by("procedure__national_code", "procedure__local_code")
    )
    seen: dict[int, str] = {}
    for version in versions:
        seen.setdefault(version.procedure_id, f"{version.procedure.code} – {version.name}")
    return list(seen.items())


# --- Excel -------------------------------------------------------------------------------------

HEADINGS = (
    gettext_lazy("No."),
    gettext_lazy("Agency"),
    gettext_lazy("Field"),
    gettext_lazy("Procedure code"),
    gettext_lazy("Procedure"),
    gettext_lazy("Assisted filling"),
    gettext_lazy("Guided online (people)"),
    gettext_lazy("of which dossiers submitted"),
    gettext_lazy("Guided sessions"),
    gettext_lazy("Received by post"),
    gettext_lazy("Results returned by post"),
    gettext_lazy("Guidance slips"),
)


def _values(row: CountRow) -> list[int]:
    return [
        row.assisted,
        row.guided,
        row.guided_dossiers,
        row.sessions,
        row.post,
        row.returned_post,
        row.slips,
    ]


def counts_workbook(counts: Counts, *, scope: str) -> bytes:
    """The counts as .xlsx, in Vietnamese whatever the page's language: a title block, one
    sentence per model, then one row per agency, field and procedure and a total row."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    with translation.override("vi"):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Counts")[:31]
        bold = Font(name="Times New Roman", bold=True, size=12)
        plain = Font(name="Times New Roman", size=11)
        thin = Side(style="thin")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        wrapped = Alignment(vertical="top", wrap_text=True)
        last = get_column_letter(len(HEADINGS))

        sheet.append([_("People served by the counter models").upper()])
        sheet.append([scope])
        sheet.append(
            [
                _("From %(start)s to %(end)s")
                % {"start": f"{counts.start:%d/%m/%Y}", "end": f"{counts.end:%d/%m/%Y}"}
            ]
        )
        for line in (1, 2, 3):
            sheet.merge_cells(f"A{line}:{last}{line}")
            sheet[f"A{line}"].font = bold
            sheet[f"A{line}"].alignment = Alignment(horizontal="center")
        sheet.append([])
        for sentence in counts.sentences():
            sheet.append([sentence])
        sheet.append([])
        header = sheet.max_row + 1
        sheet.append([str(title) for title in HEADINGS])
        for number, row in enumerate(counts.rows, 1):
            sheet.append(
                [number, row.agency, row.field, row.procedure_code, row.procedure, *_values(row)]
            )
        sheet.append([_("Total"), "", "", "", "", *_values(counts.total)])
        for cells in sheet.iter_rows(min_row=header, max_row=sheet.max_row):
            for cell in cells:
                cell.border, cell.alignment = box, wrapped
                cell.font = bold if cell.row in (header, sheet.max_row) else plain
        for index, width in enumerate((6, 30, 18, 16, 50, 12, 14, 14, 12, 12, 12, 12), 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = f"A{header + 1}"
        buffer = BytesIO()
        book.save(buffer)
    return buffer.getvalue()
