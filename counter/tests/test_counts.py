"""The counts the seeds report come from the dossiers and the guidance records themselves: known
data gives exact numbers, in the page, the sentence and the Excel file, in constant queries."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from catalog.models import Channel
from catalog.tests.builders import published
from conftest import login_verified
from counter.counts import model_counts
from counter.models import GuidanceSlip, HardStep
from counter.services_guidance import OnlineSubmission, guided_session_record
from counter.tests.conftest import receive, session_at, slip_at
from dossiers.services import ApplicantData
from org.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(guidance):
    """Commune A this year: 2 assisted dossiers, 1 by post, 1 plain; 1 session that submitted a
    guided dossier and 1 that did not; 2 slips (one for a certification procedure). Last
    year: 1 more slip. Commune B: 1 slip and 1 session from the shared cast."""
    cast = guidance
    for category in ("elderly", "visually_impaired"):
        receive(cast, cast.centre_a, cast.committee_a, cast.alice, support_category=category)
    receive(cast, cast.centre_a, cast.committee_a, cast.alice, channel=Channel.POSTAL)
    guided_session_record(
        actor=cast.vy,
        agency=cast.centre_a,
        version=cast.version,
        hard_step=HardStep.PAYMENT,
        submission=OnlineSubmission(applicant=ApplicantData(full_name="Đỗ Văn Hải")),
    )
    cast.certification = published(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính",
        field_code="CT",
        field_name="Chứng thực",
        agencies=[cast.committee_a],
    )
    slip_at(cast.centre_a, cast.alice, cast.certification)
    old = slip_at(cast.centre_a, cast.alice, cast.version)
    GuidanceSlip.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    return cast


def totals(user, **where):
    today = timezone.localdate()
    counts = model_counts(user, start=today.replace(month=1, day=1), end=today, **where)
    total = counts.total
    return {
        "assisted": total.assisted,
        "guided": total.guided,
        "guided_dossiers": total.guided_dossiers,
        "sessions": total.sessions,
        "post": total.post,
        "slips": total.slips,
    }


def test_the_counts_of_commune_a_match_its_dossiers_sessions_and_slips(served):
    assert totals(served.alice) == {
        "assisted": 2,
        "guided": 2,  # the guided dossier, and the session that left none
        "guided_dossiers": 1,
        "sessions": 2,
        "post": 1,
        "slips": 2,  # last year's slip is outside the period
    }


def test_each_officer_counts_only_the_agencies_they_may_see(served):
    assert totals(served.bob) == {
        "assisted": 0,
        "guided": 1,
        "guided_dossiers": 0,
        "sessions": 1,
        "post": 0,
        "slips": 1,
    }
    assert totals(served.ivy) == totals(served.alice)  # inspects commune A
    assert totals(served.sam)["slips"] == 3
    assert totals(served.sam, agency=served.committee_b)["slips"] == 1  # and the centre below


def test_the_field_and_procedure_filters_narrow_every_model(served):
    certification = served.certification
    assert totals(served.alice, field_id=certification.field_id) == {
        "assisted": 0,
        "guided": 0,
        "guided_dossiers": 0,
        "sessions": 0,
        "post": 0,
        "slips": 1,
    }
    births = totals(served.alice, procedure_id=served.version.procedure_id)
    assert (births["assisted"], births["slips"], births["post"]) == (2, 1, 1)


def test_the_period_counts_whole_local_days(served):
    today = timezone.localdate()
    last_year = today - timedelta(days=400)
    counts = model_counts(served.alice, start=last_year, end=last_year)
    assert counts.total.slips == 1
    assert counts.total.assisted == 0


def test_the_rows_break_the_counts_down_per_agency_field_and_procedure(served):
    today = timezone.localdate()
    counts = model_counts(served.sam, start=today.replace(month=1, day=1), end=today)
    by_key = {(row.agency, row.field, row.procedure_code): row for row in counts.rows}
    births_a = by_key["Trung tâm PVHCC Xã An", "Hộ tịch", "1.001193"]
    assert (births_a.assisted, births_a.guided, births_a.post, births_a.slips) == (2, 2, 1, 1)
    certification_a = by_key["Trung tâm PVHCC Xã An", "Chứng thực", "2.000815"]
    assert certification_a.slips == 1
    births_b = by_key["Trung tâm PVHCC Xã Bình", "Hộ tịch", "1.001193"]
    assert (births_b.guided, births_b.slips) == (1, 1)
    assert counts.hard_steps[0][1] == 2  # account: the two shared-cast sessions


def test_the_page_says_the_counts_in_a_sentence_the_seeds_would_write(client, served):
    client.force_login(served.alice)
    today = f"{timezone.localdate():%d/%m/%Y}"
    page = client.get(reverse("counter:counts")).content.decode()
    assert f"Kê khai hộ: 2 người tính đến {today}" in page
    assert f"Hướng dẫn nộp hồ sơ trực tuyến: 2 người tính đến {today}" in page
    assert f"Tiếp nhận qua bưu chính: 1 người tính đến {today}" in page
    assert f"Phiếu hướng dẫn: 2 người tính đến {today}" in page
    assert "Xã Bình" not in page


def test_the_excel_export_holds_the_same_numbers(client, served):
    client.force_login(served.alice)
    response = client.get(reverse("counter:counts") + "?xlsx=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-lieu-mo-hinh-')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    texts = [row[0] for row in rows if row and isinstance(row[0], str)]
    assert texts[0] == "SỐ NGƯỜI ĐƯỢC PHỤC VỤ THEO CÁC MÔ HÌNH"
    today = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Kê khai hộ: 2 người tính đến {today}" in texts
    header = next(row for row in rows if row[0] == "STT")
    assert header[5:] == (
        "Kê khai hộ",
        "Hướng dẫn nộp trực tuyến (người)",
        "trong đó số hồ sơ đã nộp",
        "Lượt hướng dẫn",
        "Tiếp nhận qua bưu chính",
        "Trả kết quả qua bưu chính",
        "Phiếu hướng dẫn",
    )
    total = next(row for row in rows if row[0] == "Tổng cộng")
    assert total[5:] == (2, 2, 1, 2, 1, 0, 2)
    births = next(row for row in rows if row[3] == "1.001193")
    assert births[1:5] == ("Trung tâm PVHCC Xã An", "Hộ tịch", "1.001193", births[4])
    assert births[5:] == (2, 2, 1, 2, 1, 0, 1)


def _more(cast, number: int) -> None:
    for index in range(number):
        version = published(
            code=f"9.{index:06d}",
            name=f"Thủ tục thử {index}",
            field_code=f"F{index}",
            field_name=f"Lĩnh vực {index}",
            agencies=[cast.committee_a],
        )
        slip_at(cast.centre_a, cast.alice, version)
        session_at(cast.centre_a, cast.vy, version)
        receive(
            cast,
            cast.centre_a,
            cast.committee_a,
            cast.alice,
            version=version,
            support_category="other",
        )


def test_the_page_takes_the_same_number_of_queries_for_few_and_many_rows(
    client, served, django_assert_num_queries
):
    client.force_login(served.alice)
    url = reverse("counter:counts")
    client.get(url)  # warm the session and the calendar
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    assert small.status_code == 200
    with CaptureQueriesContext(connection) as few_xlsx:
        client.get(url + "?xlsx=1")
    _more(served, 12)
    with django_assert_num_queries(len(few.captured_queries)):
        large = client.get(url)
    assert "Kê khai hộ: 14 người" in large.content.decode()
    with django_assert_num_queries(len(few_xlsx.captured_queries)):
        client.get(url + "?xlsx=1")


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "31/02/2026"}, "Vui lòng nhập ngày theo dạng dd/mm/yyyy"),
        ({"start": "hôm qua"}, "Vui lòng nhập ngày theo dạng dd/mm/yyyy"),
        ({"start": "", "end": ""}, "Vui lòng nhập ngày bắt đầu"),
        ({"start": "02/03/2026", "end": "01/03/2026"}, "không được sau"),
        ({"start": "01/01/2000", "end": "01/01/2026"}, "tối đa mười năm"),
        ({"agency": "abc"}, "Vui lòng chọn một cơ quan trong danh sách."),
        ({"field": "abc"}, "Chọn một lĩnh vực trong danh sách."),
        ({"procedure": "999999"}, "Chọn một thủ tục trong danh sách."),
        ({"procedure": "x\x00"}, "Chọn một thủ tục trong danh sách."),
    ],
)
def test_bad_filters_explain_themselves_in_vietnamese(client, served, query, message):
    client.force_login(served.alice)
    response = client.get(reverse("counter:counts"), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    bad_xlsx = client.get(reverse("counter:counts"), {**query, "xlsx": "1"})
    assert bad_xlsx["Content-Type"].startswith("text/html")


def test_another_communes_agency_is_not_a_choice(client, served):
    client.force_login(served.alice)
    response = client.get(reverse("counter:counts"), {"agency": served.centre_b.pk})
    assert "Vui lòng chọn một cơ quan trong danh sách." in response.content.decode()
    assert "Phiếu hướng dẫn: " not in response.content.decode()


def test_an_administrator_must_have_verified_mfa_first(client, served):
    login_verified(client, served.ada)
    assert client.get(reverse("counter:counts")).status_code == 200


@pytest.fixture
def deep(served):
    """Commune A under a province, with a desk inside a section of its centre (four levels
    below the province), which received one assisted dossier and issued one slip."""
    cast = served
    cast.province = AgencyFactory(name="Ủy ban nhân dân Tỉnh Hòa", kind="provincial_committee")
    cast.committee_a.parent = cast.province
    cast.committee_a.save()
    cast.section_a = AgencyFactory(name="Bộ phận một cửa", parent=cast.centre_a)
    cast.desk_a = AgencyFactory(name="Quầy 3", parent=cast.section_a)
    receive(cast, cast.desk_a, cast.committee_a, cast.alice, support_category="elderly")
    slip_at(cast.desk_a, cast.alice, cast.version)
    return cast


def test_an_agency_counts_every_level_below_it_in_a_four_level_tree(deep):
    whole_commune = totals(deep.sam, agency=deep.committee_a)
    assert (whole_commune["assisted"], whole_commune["slips"]) == (3, 3)
    assert totals(deep.sam, agency=deep.province) == whole_commune
    assert (totals(deep.sam, agency=deep.section_a)["assisted"], totals(deep.alice)["slips"]) == (
        1,
        3,
    )


def test_a_parent_counts_its_childrens_rows_and_never_a_sibling_communes(served):
    commune_a = totals(served.sam, agency=served.committee_a)
    assert commune_a == totals(served.alice)  # the centre below the committee
    assert commune_a["slips"] == 2  # commune B's slip is not among them
    assert totals(served.sam, agency=served.centre_b)["assisted"] == 0


def test_the_counts_of_an_agency_take_the_same_queries_whatever_the_depth_below_it(
    client, deep, django_assert_num_queries
):
    today = timezone.localdate()
    where = {"start": today.replace(month=1, day=1), "end": today}
    with CaptureQueriesContext(connection) as shallow:
        model_counts(deep.sam, agency=deep.section_a, **where)
    with django_assert_num_queries(len(shallow.captured_queries)):
        model_counts(deep.sam, agency=deep.province, **where)
