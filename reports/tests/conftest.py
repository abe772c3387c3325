"""A hand-built commune for the reports: every number the tests expect is counted by hand in
the docstring of `quarter`."""

from datetime import datetime, timedelta
from itertools import count
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from catalog.models import Channel, ProcedureVersion
from catalog.tests.builders import published
from core.workdays import VIETNAM
from dossiers.models import Dossier, DossierDocument, DossierFile, ResultDocument
from dossiers.workflow import State

_codes = count(1)


def shipped_rows() -> None:
    """The rules and targets the data migrations ship. A transactional test (the browser's
    live server) empties every table when it ends, so tests that read them put them back, as
    the root conftest does for the calendar's swaps. Both loaders are idempotent."""
    from django.apps import apps

    from reports.rules_shipped import ship_rules
    from reports.targets_shipped import ship_targets

    ship_rules(apps, None)
    ship_targets(apps, None)


def vn(*parts) -> datetime:
    """A moment given in Vietnam time."""
    return datetime(*parts, tzinfo=VIETNAM)


def make_dossier(
    place,
    *,
    version,
    received,
    state=State.RETURNED,
    channel=Channel.DIRECT,
    term_days=3,
    finished=None,
    late=False,
    apology=False,
    scanned=False,
    electronic_result=False,
) -> Dossier:
    """A dossier as the services would have left it, written directly: reports only read."""
    due = received + timedelta(days=term_days) if received else None
    if finished is None and state in (State.RESULT_READY, State.RETURNED):
        finished = due + timedelta(hours=2) if late else due - timedelta(days=1)
    dossier = Dossier.objects.create(
        code=f"T99-{next(_codes):06d}",
        procedure_version=version,
        channel=channel,
        state=state,
        receiving_agency=place.centre,
        competent_agency=place.committee,
        handling_agency=place.committee,
        return_agency=place.centre,
        received_at=received,
        due_at=due,
        extended_due_at=due + timedelta(days=2) if apology else None,
        finished_at=finished,
        received_by_post=channel == Channel.POSTAL,
    )
    if scanned:
        line = DossierDocument.objects.create(dossier=dossier, name="Tờ khai", received=True)
        DossierFile.objects.create(
            document=line,
            file=ContentFile(b"%PDF-1.4 scan", name="scan.pdf"),
            original_name="scan.pdf",
            content_type="application/pdf",
            size=13,
            sha256="0" * 64,
        )
    if electronic_result:
        ResultDocument.objects.create(
            dossier=dossier,
            stage="final",
            number="12/QĐ-UBND",
            issued_on=finished.date(),
            file=ContentFile(b"%PDF-1.4 result", name="result.pdf"),
            original_name="result.pdf",
            recorded_at=finished,
        )
    return dossier


def _publish(cast, *, code, published_at, effective_from, complete):
    version = published(
        code=code, name=f"Thủ tục {code}", agencies=[cast.committee_a], online_level="full"
    )
    ProcedureVersion.objects.filter(pk=version.pk).update(
        published_at=published_at,
        effective_from=effective_from,
        legal_basis="Luật Hộ tịch 2014" if complete else "",
        result_type="Giấy khai sinh",
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def quarter(cast, settings, tmp_path):
    """Commune A, first quarter of 2026 (01/01–31/03, Vietnam time).

    Procedures of committee A: one published on 20/12/2025, in force from 01/01/2026, complete;
    one published 15/01/2026, in force from 10/01/2026 (late), without legal basis.
      → 1.1 = 1/2 = 50 % → 3.00 / 6; 1.3 = 1/2 → 1.00 / 2.

    Resolved in the quarter (10): R1–R9 received in it and X1 received at 23:50 on 31/12/2025;
    8 on time, 2 late (one of them with an apology letter: still late).
      → 2.1 = 8/10 = 80 % → 16.00 / 20; the 2 late ones are the drill-down's "to fix".
    Three of the ten have a signed electronic result → 3.1 = 30 % → 1.80 / 6.

    Received in the quarter (12): R1–R9; R10 at 00:10 on 01/01/2026 (in progress); R11
    resolved at 00:05 on 01/04/2026 (outside "resolved"); R12 at 23:30 on 31/03/2026. Not
    counted: one refused at reception, one online submission not yet received.
    Channels of the 12: 6 online, 4 at the counter, 2 by post → 4.1 = 6/10 = 60 % → 7.20 / 12.
    Six of the 12 have scanned documents → 3.2 = 50 % of an 80 % threshold → 2.50 / 4.

    Late or not yet resulted past the due date: R8–R12, so 7 of the 12 are "neither late nor
    complained about" → 5.3 = 58.33 % of a 90 % threshold → 3.89 / 6. Nothing synced with the
    national portal and nothing reused: 1.2, 1.4 and 3.4 score 0; no certification dossier and
    no feedback item due: 3.3 and 5.1 have nothing to count (full points, 2 + 6).

    No fee in the quarter: 6.1–6.3 have nothing to count either (full points, 2 + 2 + 6).

    Total 53.39 out of the 86 points computable today; 4 indicators have no data yet.
    Commune B has dossiers in the same quarter that must not count for A.
    """
    settings.MEDIA_ROOT = str(tmp_path)
    shipped_rows()
    place_a = SimpleNamespace(centre=cast.centre_a, committee=cast.committee_a)
    place_b = SimpleNamespace(centre=cast.centre_b, committee=cast.committee_b)
    v1 = _publish(
        cast,
        code="1.001193",
        published_at=vn(2025, 12, 20, 9),
        effective_from=vn(2026, 1, 1).date(),
        complete=True,
    )
    _publish(
        cast,
        code="1.000894",
        published_at=vn(2026, 1, 15, 9),
        effective_from=vn(2026, 1, 10).date(),
        complete=False,
    )
    online, direct, post = Channel.ONLINE, Channel.DIRECT, Channel.POSTAL
    # (received, channel, state, late, apology, scanned, electronic result, finished)
    plan = [
        (vn(2026, 1, 5, 8), online, State.RETURNED, False, False, True, True, None),  # R1
        (vn(2026, 1, 6, 8), online, State.RETURNED, False, False, True, True, None),  # R2
        (vn(2026, 1, 7, 8), online, State.RETURNED, False, False, True, False, None),  # R3
        (vn(2026, 2, 2, 8), online, State.RESULT_READY, False, False, True, False, None),  # R4
        (vn(2026, 2, 3, 8), direct, State.RETURNED, False, False, True, False, None),  # R5
        (vn(2026, 2, 4, 8), direct, State.RETURNED, False, False, False, False, None),  # R6
        (vn(2026, 3, 2, 8), direct, State.RETURNED, False, False, False, False, None),  # R7
        (vn(2026, 3, 3, 8), post, State.RETURNED, True, True, False, False, None),  # R8 late
        (vn(2026, 3, 4, 8), post, State.RETURNED, True, False, False, False, None),  # R9 late
        (vn(2026, 1, 1, 0, 10), online, State.IN_PROGRESS, False, False, True, False, None),  # R10
        (
            vn(2026, 3, 28, 8),
            online,
            State.RETURNED,
            False,
            False,
            False,
            False,
            vn(2026, 4, 1, 0, 5),
        ),  # R11, resolved in the next quarter
        (vn(2026, 3, 31, 23, 30), direct, State.ACCEPTED, False, False, False, False, None),  # R12
    ]
    cast.late = []
    for received, channel, state, late, apology, scanned, result, finished in plan:
        dossier = make_dossier(
            place_a,
            version=v1,
            received=received,
            channel=channel,
            state=state,
            late=late,
            apology=apology,
            scanned=scanned,
            electronic_result=result,
            finished=finished,
        )
        if late:
            cast.late.append(dossier)
    # X1: received last year, resolved early in January, with an electronic result.
    make_dossier(place_a, version=v1, received=vn(2025, 12, 31, 23, 50), electronic_result=True)
    make_dossier(place_a, version=v1, received=vn(2026, 2, 10, 8), state=State.REFUSED)
    make_dossier(place_a, version=v1, received=None, channel=online, state=State.SUBMITTED)
    for day in (5, 6, 7):
        make_dossier(place_b, version=v1, received=vn(2026, 2, day, 8), late=True)
    cast.version = v1
    return cast
