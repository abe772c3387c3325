"""PAR INDEX self-assessment and PAPI: the year's tree as data, scores within each maximum,
evidence links inside MotCua, totals, the export, who may assess; PAPI beside MotCua figures."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEvent
from org.models import Role
from org.tests.factories import UserFactory, give_role
from reports.models_par import PapiScore, ParAssessment, ParCriterion, ParField
from reports.par import clean_links, par_assess, par_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(cast):
    procedures = ParField.objects.create(
        year=2026, code="3", name="Cải cách thủ tục hành chính", max_points=Decimal("13")
    )
    ParCriterion.objects.create(
        field=procedures, code="3.1", name="Công khai TTHC", max_points=Decimal("2")
    )
    ParCriterion.objects.create(
        field=procedures, code="3.2", name="Kết quả giải quyết TTHC", max_points=Decimal("6")
    )
    digital = ParField.objects.create(
        year=2026, code="7", name="Xây dựng chính quyền số", max_points=Decimal("9")
    )
    ParCriterion.objects.create(
        field=digital, code="7.1", name="Dịch vụ công trực tuyến", max_points=Decimal("3")
    )
    ParField.objects.create(year=2025, code="3", name="Năm trước", max_points=Decimal("10"))
    cast.chairman = UserFactory(username="chutich")
    give_role(cast.chairman, cast.committee_a, Role.LEADER)
    return cast


def criterion(code):
    return ParCriterion.objects.get(code=code)


def test_the_year_totals_add_the_self_assessed_scores_per_field(tree):
    par_assess(
        actor=tree.chairman,
        agency=tree.committee_a,
        criterion=criterion("3.1"),
        score=Decimal("2"),
        evidence="Niêm yết đủ 41 TTHC",
        links=["/thu-tuc/"],
    )
    par_assess(
        actor=tree.chairman,
        agency=tree.committee_a,
        criterion=criterion("3.2"),
        score=Decimal("4.5"),
        evidence="",
        links=[],
    )
    table = par_table(tree.committee_a, year=2026)
    assert [(line.field.code, line.self_score) for line in table.fields] == [
        ("3", Decimal("6.5")),
        ("7", Decimal("0")),
    ]
    assert (table.self_score, table.maximum) == (Decimal("6.5"), Decimal("22"))
    assert par_table(tree.committee_b, year=2026).self_score == 0  # commune B has its own


def test_a_score_above_the_criterions_maximum_is_refused(tree):
    with pytest.raises(ValidationError):
        par_assess(
            actor=tree.chairman,
            agency=tree.committee_a,
            criterion=criterion("3.1"),
            score=Decimal("2.5"),
            evidence="",
            links=[],
        )
    assert not ParAssessment.objects.exists()


def test_reassessing_replaces_the_score_and_is_audited(tree):
    for score in ("1", "2"):
        par_assess(
            actor=tree.chairman,
            agency=tree.committee_a,
            criterion=criterion("3.1"),
            score=Decimal(score),
            evidence="",
            links=[],
        )
    assert ParAssessment.objects.get().score == 2
    assert AuditEvent.objects.filter(action="par_assess").count() == 2


@pytest.mark.parametrize(
    "link", ["https://example.com/", "//evil.example/", "javascript:x", "/a b"]
)
def test_evidence_links_must_stay_inside_motcua(link):
    with pytest.raises(ValidationError):
        clean_links(link)
    assert clean_links("/can-bo/bao-cao/chi-so-766/\n\n/thu-tuc/") == [
        "/can-bo/bao-cao/chi-so-766/",
        "/thu-tuc/",
    ]


def test_the_leader_assesses_on_the_page_and_a_bad_score_is_explained(client, tree):
    client.force_login(tree.chairman)
    url = reverse("reports:par") + f"?agency={tree.committee_a.pk}&year=2026"
    response = client.post(
        url,
        {
            "criterion": criterion("7.1").pk,
            "score": "2,5",
            "evidence": "Cổng DVC",
            "links": "/thu-tuc/",
        },
    )
    assert response.status_code == 302
    assert ParAssessment.objects.get().score == Decimal("2.5")
    response = client.post(url, {"criterion": criterion("7.1").pk, "score": "mười"})
    assert response.status_code == 400
    assert "Nhập" in response.content.decode() or "number" in response.content.decode()
    assert ParAssessment.objects.get().score == Decimal("2.5")


def test_the_inspection_team_reads_but_cannot_assess(client, tree):
    client.force_login(tree.ivy)
    url = reverse("reports:par") + f"?agency={tree.committee_a.pk}&year=2026"
    assert client.get(url).status_code == 200
    response = client.post(url, {"criterion": criterion("3.1").pk, "score": "1"})
    assert response.status_code == 404
    assert not ParAssessment.objects.exists()


def test_another_commune_cannot_assess_commune_a(client, tree):
    client.force_login(tree.bob)
    url = reverse("reports:par") + f"?agency={tree.committee_a.pk}&year=2026"
    response = client.post(url, {"criterion": criterion("3.1").pk, "score": "1"})
    assert response.status_code == 200  # the form refuses the agency; nothing is written
    assert not ParAssessment.objects.exists()


def test_the_export_is_the_self_assessment_table(client, tree):
    par_assess(
        actor=tree.chairman,
        agency=tree.committee_a,
        criterion=criterion("3.1"),
        score=Decimal("2"),
        evidence="Niêm yết",
        links=["/thu-tuc/"],
    )
    client.force_login(tree.ivy)
    response = client.get(
        reverse("reports:par"), {"agency": tree.committee_a.pk, "year": 2026, "xlsx": 1}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0][:4] == ["Mã", "Lĩnh vực / tiêu chí", "Điểm tối đa", "Điểm tự đánh giá"]
    assert rows[2][:6] == ["3.1", "Công khai TTHC", 2, 2, "Niêm yết", "/thu-tuc/"]
    assert rows[-1][1:4] == ["Tổng cộng", 22, 2]


def test_papi_shows_the_provinces_scores_beside_the_related_figures(client, quarter):
    province = quarter.committee_a.unit.name  # the test units have no parent: their own name
    PapiScore.objects.create(province=province, year=2026, dimension=5, score=Decimal("7.84"))
    client.force_login(quarter.ivy)
    response = client.get(reverse("reports:papi"), {"year": 2026})
    assert response.status_code == 200
    rows = {
        dimension.value: (scores, figure)
        for dimension, scores, figure, _tasks in response.context["rows"]
    }
    assert rows[5][0][2].score == Decimal("7.84")
    label, available, value = rows[5][1]
    assert available and value is not None
    assert rows[2][1][1] is False  # disclosures: no data yet
    assert "chưa có dữ liệu" in response.content.decode()
