"""The official forms (Mẫu 01–07): each shows its facts, only for the state that has it, only to
staff who can see the dossier, and downloads as a PDF and (the register) as Excel."""

import re
import shutil
import subprocess
from datetime import datetime
from io import BytesIO

import openpyxl
import pytest
import segno
import time_machine
from django.urls import reverse

from catalog.models import Channel
from core.workdays import VIETNAM
from dossiers.services import ApplicantData, Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action

pytestmark = pytest.mark.django_db

MONDAY = "2026-03-02 09:00 +0700"


def form_url(dossier, number: str) -> str:
    return reverse("dossiers:form", args=[dossier.pk, number])


def act(dossier, actor, action, **kwargs):
    return dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=action, expected_version=dossier.version, **kwargs),
        actor=actor,
    )


def receive(office, actor=None, **changes):
    return dossier_receive(reception=reception_for(office, **changes), actor=actor or office.alice)


def vietnam(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


@pytest.fixture
def eventful(office):
    """Received Monday 09:00 (due Thursday 17:00), assigned, apologised for with a new date,
    sent back for a supplement that never came, and closed 15 days later: forms 01, 02, 04, 05
    and 06 all exist for it."""
    with time_machine.travel(MONDAY, tick=False) as clock:
        dossier = receive(office)
        clock.shift(3600)
        dossier = act(dossier, office.alice, Action.ASSIGN, assignee=office.sophie)
        clock.move_to("2026-03-04 10:00 +0700")
        dossier = act(
            dossier,
            office.sophie,
            Action.APOLOGISE,
            reason="Chờ xác minh thông tin cư trú",
            new_due_at=vietnam("2026-03-10T17:00"),
        )
        clock.move_to("2026-03-05 10:00 +0700")
        dossier = act(
            dossier,
            office.sophie,
            Action.REQUEST_SUPPLEMENT,
            reason="Thiếu giấy chứng sinh\n- Bản sao CCCD của người cha không rõ",
        )
        clock.move_to("2026-03-21 10:00 +0700")
        dossier = act(
            dossier,
            office.sophie,
            Action.CLOSE_UNSUPPLEMENTED,
            reason="Không bổ sung giấy chứng sinh",
        )
    return dossier


@pytest.fixture
def refused(office):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office, channel=Channel.ONLINE)
        return act(dossier, office.alice, Action.REFUSE, reason="Thủ tục không thuộc thẩm quyền")


def test_the_receipt_shows_the_code_applicant_times_and_the_register_line(client, office):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
        client.force_login(office.alice)
        response = client.get(form_url(dossier, "01"))
    assert response.status_code == 200
    page = response.content.decode()
    assert dossier.code in page
    assert "Nguyễn Văn An" in page
    assert "09 giờ 00 phút, ngày 02 tháng 3 năm 2026" in page
    assert "17 giờ 00 phút, ngày 05 tháng 3 năm 2026" in page
    assert "Tờ khai theo mẫu" in page
    assert "Số thứ tự: 1" in page
    assert "Nguyễn Thị Alice" in page  # the receiving officer signs


def test_the_receipts_qr_code_points_to_the_public_lookup_of_the_dossier(client, office):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
        client.force_login(office.alice)
        page = client.get(form_url(dossier, "01")).content.decode()
    expected = f"http://testserver/tra-cuu/?ma={dossier.code}&kt={dossier.lookup_check}"
    path = re.search(r'd="([^"]+)"', segno.make(expected, error="m").svg_inline()).group(1)
    # Only the first move of the path is absolute (it depends on the quiet zone); the rest
    # draws the modules, so it is the same wherever the code is placed.
    modules = path[path.index("h") :]
    assert "<svg" in page
    assert modules in page


def test_the_receipt_prints_the_lookup_check_value_in_html_and_pdf(client, office, tmp_path):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
    client.force_login(office.alice)
    page = client.get(form_url(dossier, "01")).content.decode()
    assert re.search(rf"Mã kiểm tra[^<]*<strong[^>]*>{dossier.lookup_check}</strong>", page)
    text = poppler("pdftotext", client.get(form_url(dossier, "01") + "?pdf=1").content, tmp_path)
    if text is not None:
        assert dossier.lookup_check in text


def test_the_supplement_request_lists_every_reason_and_the_15_day_limit(client, office, eventful):
    client.force_login(office.alice)
    response = client.get(form_url(eventful, "02"))
    assert response.status_code == 200
    page = response.content.decode()
    assert eventful.code in page and "Nguyễn Văn An" in page
    assert "<li>Thiếu giấy chứng sinh</li>" in page
    assert "<li>Bản sao CCCD của người cha không rõ</li>" in page
    assert "20/03/2026" in page  # 15 days after 05/03


def test_the_refusal_states_its_reason(client, office, refused):
    client.force_login(office.alice)
    response = client.get(form_url(refused, "03"))
    assert response.status_code == 200
    page = response.content.decode()
    assert refused.code in page and "Nguyễn Văn An" in page
    assert "Thủ tục không thuộc thẩm quyền" in page


def test_the_apology_gives_the_reason_the_old_and_the_new_date(client, office, eventful):
    client.force_login(office.sophie)
    response = client.get(form_url(eventful, "04"))
    assert response.status_code == 200
    page = response.content.decode()
    assert eventful.code in page and "Nguyễn Văn An" in page
    assert "Chờ xác minh thông tin cư trú" in page
    assert "02 tháng 3 năm 2026" in page  # received
    assert "17 giờ 00 phút, ngày 10 tháng 3 năm 2026" in page  # the new date


def test_a_dossier_closed_without_its_supplement_gets_the_stop_notice(client, office, eventful):
    client.force_login(office.sophie)
    page = client.get(form_url(eventful, "05")).content.decode()
    assert eventful.code in page
    assert "Không bổ sung giấy chứng sinh" in page
    assert "21 tháng 3 năm 2026" in page  # stopped from


def test_a_stopped_dossier_gets_the_stop_notice_with_its_reason(client, office):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
        dossier = act(dossier, office.sophie, Action.STOP, reason="Người yêu cầu đã qua đời")
    client.force_login(office.alice)
    response = client.get(form_url(dossier, "05"))
    assert response.status_code == 200
    assert "Người yêu cầu đã qua đời" in response.content.decode()


def test_the_control_sheet_has_one_row_per_hand_over_with_the_step_result(client, office):
    with time_machine.travel(MONDAY, tick=False) as clock:
        dossier = receive(office)  # due Thursday 05/03 17:00
        clock.shift(3600)
        dossier = act(dossier, office.alice, Action.ASSIGN, assignee=office.sophie)
        clock.move_to("2026-03-05 10:00 +0700")
        dossier = act(dossier, office.sophie, Action.PROPOSE)
        clock.move_to("2026-03-06 09:00 +0700")
        dossier = act(dossier, office.leo, Action.APPROVE)
        client.force_login(office.alice)
        response = client.get(form_url(dossier, "06"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == dossier.history.count() == 4
    assert [row.result for row in rows] == ["Trước hạn", "Trước hạn", "Đúng hạn", "Quá hạn"]
    assert rows[1].taker == "Võ Thị Sophie"
    page = response.content.decode()
    assert page.count('class="official-control-row"') == 4
    assert "Quá hạn" in page and "Đúng hạn" in page and "Trước hạn" in page


@pytest.mark.parametrize("number", ["02", "03", "04", "05"])
def test_forms_for_states_the_dossier_never_reached_are_404_with_the_reason(client, office, number):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
    client.force_login(office.alice)
    response = client.get(form_url(dossier, number))
    assert response.status_code == 404
    assert response.context["reason"]
    assert dossier.code in response.content.decode()  # the officer is told which dossier


def test_a_refused_dossier_has_no_receipt(client, office, refused):
    client.force_login(office.alice)
    response = client.get(form_url(refused, "01"))
    assert response.status_code == 404
    assert response.context["reason"]


def test_an_unknown_form_number_is_404(client, office):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
    client.force_login(office.alice)
    assert client.get(form_url(dossier, "08")).status_code == 404


def test_another_communes_officer_gets_404_and_anonymous_users_the_login_page(client, office):
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
    for number in ("01", "06"):
        assert client.get(form_url(dossier, number)).status_code == 302
    client.force_login(office.bob)
    for number in ("01", "06"):
        assert client.get(form_url(dossier, number)).status_code == 404
        assert client.get(form_url(dossier, number) + "?pdf=1").status_code == 404
    client.force_login(office.ivy)  # the inspector of commune A may read it
    assert client.get(form_url(dossier, "06")).status_code == 200


@pytest.fixture
def week(office):
    """Dossiers received at commune A on 27/02, 02/03, 03/03 and 05/03, and one at commune B
    on 03/03."""
    codes = {}
    for moment in ("2026-02-27 16:00", "2026-03-02 09:00", "2026-03-03 14:30", "2026-03-05 08:00"):
        with time_machine.travel(f"{moment} +0700", tick=False):
            codes[moment] = receive(office).code
    with time_machine.travel("2026-03-03 10:00 +0700", tick=False):
        other = receive(
            office,
            actor=office.bob,  # commune B's counter
            receiving_agency=office.centre_b,
            competent_agency=office.committee_b,
            applicant=ApplicantData(full_name="Trần Thị Bình", phone="0987654321"),
        )
    return codes, other.code


def register_url(office, start="02/03/2026", end="04/03/2026", agency=None, **extra) -> str:
    agency = agency or office.centre_a
    query = f"?agency={agency.pk}&start={start}&end={end}"
    return reverse("dossiers:register") + query + "".join(f"&{k}={v}" for k, v in extra.items())


def test_the_register_lists_exactly_the_dossiers_received_in_the_range_there(client, office, week):
    codes, other = week
    client.force_login(office.alice)
    response = client.get(register_url(office))
    assert response.status_code == 200
    listed = [row.code for row in response.context["rows"]]
    assert listed == [codes["2026-03-02 09:00"], codes["2026-03-03 14:30"]]
    page = response.content.decode().replace("<wbr>", "")  # codes may wrap at their hyphens
    for code in listed:
        assert code in page
    for code in (codes["2026-02-27 16:00"], codes["2026-03-05 08:00"], other):
        assert code not in page
    assert "0912345678" in page  # address / phone column


def test_the_register_downloads_as_excel_with_the_same_rows(client, office, week):
    codes, _other = week
    client.force_login(office.alice)
    response = client.get(register_url(office, xlsx=1))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=7, values_only=True)]
    assert [row[1] for row in rows] == [codes["2026-03-02 09:00"], codes["2026-03-03 14:30"]]
    assert rows[0][4] == "Nguyễn Văn An"
    assert rows[0][7] == datetime(2026, 3, 2, 9, 0)  # received, Vietnam time


def test_the_excel_register_keeps_text_that_looks_like_a_formula_as_text(client, office):
    with time_machine.travel(MONDAY, tick=False):
        receive(office, applicant=ApplicantData(full_name='=HYPERLINK("http://x.example","A")'))
    client.force_login(office.alice)
    response = client.get(register_url(office, xlsx=1))
    cell = openpyxl.load_workbook(BytesIO(response.content)).active.cell(row=7, column=5)
    assert cell.value == '=HYPERLINK("http://x.example","A")'
    assert cell.data_type == "s"


def test_another_communes_officer_cannot_read_the_register_of_commune_a(client, office, week):
    codes, other = week
    client.force_login(office.bob)
    page = client.get(register_url(office)).content.decode().replace("<wbr>", "")
    assert codes["2026-03-02 09:00"] not in page
    xlsx = client.get(register_url(office, xlsx=1))
    assert xlsx.get("Content-Disposition") is None


def test_the_register_refuses_a_range_that_ends_before_it_starts(client, office, week):
    client.force_login(office.alice)
    response = client.get(register_url(office, start="05/03/2026", end="01/03/2026"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "rows" not in response.context


def poppler(tool: str, content: bytes, tmp_path, *options: str) -> str | None:
    """The output of a poppler tool (pdftotext, pdfinfo) on a PDF, or None where poppler is
    not installed: the checks that need it are then skipped, the others still run."""
    if shutil.which(tool) is None:
        return None
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(content)
    command = [tool, *options, str(pdf)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(command, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("number", ["01", "02", "03", "04", "05", "06"])
def test_each_form_downloads_as_a_tagged_pdf_with_the_dossier_code(
    client, office, eventful, refused, number, tmp_path
):
    dossier = refused if number == "03" else eventful
    client.force_login(office.alice)
    response = client.get(form_url(dossier, number) + "?pdf=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{dossier.code}-mau-{number}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = poppler("pdftotext", response.content, tmp_path)
    if text is not None:
        assert dossier.code in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    info = poppler("pdfinfo", response.content, tmp_path)
    if info is not None:
        assert re.search(r"Tagged:\s+yes", info)
        assert f"Mẫu {number}" in info  # the title, which PDF/UA requires
        metadata = poppler("pdfinfo", response.content, tmp_path, "-meta")
        assert "pdfuaid:part" in metadata


def test_the_register_downloads_as_a_landscape_pdf(client, office, week, tmp_path):
    codes, _other = week
    client.force_login(office.alice)
    response = client.get(register_url(office, pdf=1))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = poppler("pdftotext", response.content, tmp_path, "-raw")  # cell by cell
    if text is not None:
        # A narrow column wraps the code after a hyphen.
        assert codes["2026-03-02 09:00"] in "".join(text.split())
    info = poppler("pdfinfo", response.content, tmp_path)
    if info is not None:
        assert re.search(r"Page size:\s+841\.89 x 595\.276 pts", info)  # A4 landscape


def test_the_receipt_says_where_when_and_whom_to_call_to_collect_the_result(client, office):
    office.centre_a.address = "Số 1 phố Hàng Trống, Hà Nội"
    office.centre_a.phone = "024 3825 3536"
    office.centre_a.save()
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(office)
        client.force_login(office.alice)
        page = client.get(form_url(dossier, "01")).content.decode()
    assert "Số 1 phố Hàng Trống, Hà Nội, điện thoại 024 3825 3536" in page
    assert "giờ làm việc: 07:30–17:00" in page
