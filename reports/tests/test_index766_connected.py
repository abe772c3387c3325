"""The indicators whose records the sync, digitised and feedback apps keep, over the hand-built
quarter of `conftest.quarter` plus the records below, each counted by hand.

Added to commune A's first quarter of 2026:
- national portal: R1 held and current, R2 held but one event behind, R3 waiting for its first
  send → 1.4 synced = 2/12; 1.2 current = 1/12;
- certification ("Chứng thực"): C1 and C2 resolved in the quarter, C1 with an electronic result
  recorded with its metadata → 3.3 = 1/2; C1 and C2 are received too, so "received" is 14;
- reuse: R4 reused a digitised birth certificate → 3.4 = 1/14, threshold 80 %;
- feedback: F1 due 10/02 answered on 09/02, F2 due 20/03 answered on 25/03, F3 due in April
  (not counted), F4 forwarded elsewhere (not ours to answer) → 5.1 = 1/2; F2 is about R5;
- 5.3: of the 14 received, R8–R12 are late and R5 was complained about → 8/14.
"""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from catalog.tests.builders import published
from citizens.models import Citizen, Consent, ConsentPurpose, Gender
from digitised.models import DigitisedDocument, DigitisedKind, Reuse
from dossiers.models import ResultDocument
from feedback.models import FeedbackItem
from feedback.workflow import State as FeedbackState
from reports.index766 import Status
from reports.selectors import indicator_rows, rule_for, scope_for, scorecard
from sync.models import DossierSync

from .conftest import make_dossier, vn

pytestmark = pytest.mark.django_db
Q1 = {"first_day": date(2026, 1, 1), "last_day": date(2026, 3, 31)}
D = Decimal


@pytest.fixture
def connected(quarter):
    from dossiers.models import Dossier

    place = SimpleNamespace(centre=quarter.centre_a, committee=quarter.committee_a)
    mine = list(
        Dossier.objects.filter(competent_agency=quarter.committee_a, received_at__isnull=False)
        .exclude(state__in=("refused", "submitted"))
        .filter(received_at__gte=vn(2026, 1, 1))
        .order_by("received_at")
    )
    r1, r2, r3, r4, r5 = mine[1:6]  # mine[0] is R10, received at 00:10 on 1 January
    DossierSync.objects.create(dossier=r1, latest_event_id=5, sent_event_id=5)
    DossierSync.objects.create(dossier=r2, latest_event_id=5, sent_event_id=3)
    DossierSync.objects.create(dossier=r3, latest_event_id=2, sent_event_id=0)

    certification = published(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính",
        field_code="CT",
        field_name="Chứng thực",
        agencies=[quarter.committee_a],
    )
    c1 = make_dossier(
        place, version=certification, received=vn(2026, 2, 9, 8), electronic_result=True
    )
    make_dossier(place, version=certification, received=vn(2026, 2, 10, 8))
    result = ResultDocument.objects.get(dossier=c1)
    DigitisedDocument.objects.create(
        kind=DigitisedKind.RESULT,
        dossier=c1,
        result=result,
        document_type_code="KQ.2.000815",
        holder_id_number="001090000001",
        name="Bản sao chứng thực",
        summary="Bản sao chứng thực điện tử",
        valid_from=date(2026, 2, 11),
        issuer="UBND xã A",
        sha256="1" * 64,
        recorded_at=vn(2026, 2, 11, 9),
    )
    clerk = get_user_model().objects.create_user("reuse.clerk", password="x")
    citizen = Citizen.objects.create(
        id_number="001090000001",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 1, 1),
        gender=Gender.MALE,
    )
    consent = Consent.objects.create(
        citizen=citizen,
        purpose=ConsentPurpose.REUSE,
        agency_code=quarter.committee_a.code,
        granted_by=clerk,
        granted_at=vn(2026, 2, 2, 8),
    )
    Reuse.objects.create(
        document=DigitisedDocument.objects.get(dossier=c1),
        dossier=r4,
        consent=consent,
        recorded_by=clerk,
        recorded_at=vn(2026, 2, 2, 8),
    )

    def feedback(code, due, answered, state=FeedbackState.PUBLISHED, dossier=None):
        return FeedbackItem.objects.create(
            code=code,
            agency=quarter.committee_a,
            intake_agency=quarter.centre_a,
            channel="hotline",
            sender_name="Trần Thị Bình",
            subject=f"Phản ánh {code}",
            content="Nội dung",
            state=state,
            received_at=due - timedelta(days=10),
            due_at=due,
            answered_at=answered,
            dossier=dossier,
        )

    feedback("PA-F1", vn(2026, 2, 10, 17), vn(2026, 2, 9, 10))
    feedback("PA-F2", vn(2026, 3, 20, 17), vn(2026, 3, 25, 10), dossier=r5)
    feedback("PA-F3", vn(2026, 4, 20, 17), None, state=FeedbackState.IN_HANDLING)
    feedback("PA-F4", vn(2026, 2, 20, 17), None, state=FeedbackState.FORWARDED)
    return SimpleNamespace(cast=quarter, r1=r1, r5=r5, c1=c1)


def _lines(agency):
    return {line.rule.number: line for line in scorecard(agency, **Q1).lines}


def test_the_connected_indicators_have_the_rates_and_points_counted_by_hand(connected):
    lines = _lines(connected.cast.committee_a)
    got = {
        number: (lines[number].score.numerator, lines[number].score.denominator)
        for number in ("1.2", "1.4", "3.3", "3.4", "5.1", "5.3")
    }
    assert got == {
        "1.2": (1, 14),
        "1.4": (2, 14),
        "3.3": (1, 2),
        "3.4": (1, 14),
        "5.1": (1, 2),
        "5.3": (8, 14),
    }
    assert lines["1.4"].score.points == D("0.86")  # 14.29 % of 6 points
    assert lines["3.3"].score.points == D("1.00")
    assert lines["3.4"].score.points == D("0.18")  # 7.14 % of an 80 % threshold, 2 points
    assert lines["5.1"].score.points == D("3.00")
    assert lines["5.3"].score.points == D("3.81")  # 57.14 % of a 90 % threshold, 6 points


def test_what_still_has_no_data_says_so_instead_of_a_number(connected):
    lines = _lines(connected.cast.committee_a)
    missing = {n for n, line in lines.items() if line.score.status == Status.NOT_AVAILABLE}
    # Payments, the portal's data store, the population database, and the satisfaction with
    # feedback handling that no questionnaire asks yet.
    assert missing <= {"3.5", "3.6", "3.7", "5.2", "6.1", "6.2", "6.3"}
    assert {"3.5", "3.6", "3.7", "5.2"} <= missing


def test_the_feedback_drill_down_lists_the_item_answered_late(connected):
    scope = scope_for(connected.cast.committee_a, **Q1)
    late = indicator_rows(rule_for("feedback-on-time", year=2026), scope, side="missing")
    assert list(late.values_list("code", flat=True)) == ["PA-F2"]


def test_another_commune_counts_none_of_these_records(connected):
    lines = _lines(connected.cast.committee_b)
    assert lines["1.4"].score.numerator == 0
    assert lines["5.1"].score.status == Status.EMPTY


def test_the_drill_down_page_lists_feedback_items_with_their_answer_dates(connected, client):
    from org.models import Role
    from org.tests.factories import UserFactory, give_role

    chairman = UserFactory()
    give_role(chairman, connected.cast.committee_a, Role.LEADER)
    client.force_login(chairman)
    response = client.get(
        "/can-bo/bao-cao/chi-so-766/feedback-on-time/",
        {"agency": connected.cast.committee_a.pk, "start": "01/01/2026", "end": "31/03/2026"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "PA-F2" in text and "25/03/2026" in text and "PA-F1" not in text
