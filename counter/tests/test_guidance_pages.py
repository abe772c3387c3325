"""The guidance screens and the large-print declaration as their users see them: the printed
slip, the guided session form, the read-aloud page; bad input explains itself, never a 500."""

import pytest
from django.urls import reverse

from catalog.models import EFormField
from counter.models import GuidanceSlip, GuidedSession
from counter.tests.conftest import receive
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_the_printed_slip_follows_the_administrative_layout(client, guidance):
    client.force_login(guidance.vy)
    page = client.get(reverse("counter:slip", args=[guidance.slip_a.pk])).content.decode()
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHIẾU HƯỚNG DẪN HOÀN THIỆN HỒ SƠ",
        "TRUNG TÂM PVHCC XÃ AN",
        "ỦY BAN NHÂN DÂN XÃ AN",
        f"Số: {guidance.slip_a.pk}/PHD",
        "Nguyễn Văn Nam",
        "Tờ khai theo mẫu",
        "Thủ tục đăng ký khai sinh",
        "NGƯỜI HƯỚNG DẪN",
        "(Ký, ghi rõ họ tên)",
        "Nguyễn Thị Alice",
    ):
        assert text in page, text


def test_the_slip_downloads_as_a_pdf(client, guidance):
    client.force_login(guidance.alice)
    response = client.get(reverse("counter:slip", args=[guidance.slip_a.pk]) + "?pdf=1")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_making_a_slip_records_it_and_opens_its_print(client, guidance):
    client.force_login(guidance.vy)
    url = reverse("counter:slip-new")
    step_one = client.get(url).content.decode()
    assert f"?thu_tuc={guidance.version.pk}" in step_one
    form = client.get(url, {"thu_tuc": guidance.version.pk}).content.decode()
    assert 'value="Tờ khai theo mẫu"' in form
    response = client.post(
        url,
        {
            "thu_tuc": guidance.version.pk,
            "agency": guidance.centre_a.pk,
            "other_items": "Ảnh 4x6 nền trắng",
        },
    )
    slip = GuidanceSlip.objects.latest("id")
    assert response["Location"] == reverse("counter:slip", args=[slip.pk])
    assert (slip.officer, slip.missing_documents, slip.other_items) == (
        guidance.vy,
        [],
        "Ảnh 4x6 nền trắng",
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "phiếu phải nêu ít nhất một nội dung"),
        ({"missing": ["Giấy tờ bịa"]}, "Chỉ đánh dấu giấy tờ thuộc thủ tục này."),
        ({"agency": "x", "other_items": "A"}, "Chọn một trung tâm trong danh sách."),
        ({"citizen_name": "A" * 200, "other_items": "A"}, "150"),
        ({"other_items": "\x00"}, "phiếu phải nêu ít nhất một nội dung"),
    ],
)
def test_a_bad_slip_explains_itself_and_records_nothing(client, guidance, data, message):
    client.force_login(guidance.alice)
    before = GuidanceSlip.objects.count()
    post = {"thu_tuc": guidance.version.pk, "agency": guidance.centre_a.pk, **data}
    response = client.post(reverse("counter:slip-new"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert GuidanceSlip.objects.count() == before


@pytest.mark.parametrize("version", ["abc", "999999", "1" * 30])
def test_an_unknown_procedure_is_a_404(client, guidance, version):
    client.force_login(guidance.vy)
    for name in ("counter:slip-new", "counter:guided-new"):
        assert client.get(reverse(name), {"thu_tuc": version}).status_code == 404


def test_a_guided_session_submits_online_and_the_home_lists_it(client, guidance):
    client.force_login(guidance.vy)
    url = reverse("counter:guided-new")
    form = client.get(url, {"thu_tuc": guidance.version.pk}).content.decode()
    assert "ef-ho_ten_tre" in form
    response = client.post(
        url,
        {
            "thu_tuc": guidance.version.pk,
            "agency": guidance.centre_a.pk,
            "hard_step": "payment",
            "note": "Chưa có ví điện tử",
            "submitted": "on",
            "full_name": "Vương Thị Lan",
            "phone": "0987654321",
            "ef-ho_ten_tre": "Vương Gia Bảo",
        },
        follow=True,
    )
    session = GuidedSession.objects.latest("id")
    dossier = session.dossier
    assert dossier.guided_online and dossier.channel == "2"
    assert dossier.form_data == {"ho_ten_tre": "Vương Gia Bảo"}
    assert dossier.applicants.get().full_name == "Vương Thị Lan"
    page = response.content.decode()
    assert f"hồ sơ {dossier.code} đã được nộp trực tuyến" in page
    assert "thanh toán trực tuyến" in page  # today's sessions, with the hard step


def test_a_guided_session_stores_the_phone_in_the_one_format(client, guidance):
    client.force_login(guidance.vy)
    client.post(
        reverse("counter:guided-new"),
        {
            "thu_tuc": guidance.version.pk,
            "agency": guidance.centre_a.pk,
            "hard_step": "payment",
            "submitted": "on",
            "full_name": "Vương Thị Lan",
            "phone": "+84 987 654 321",
            "ef-ho_ten_tre": "Vương Gia Bảo",
        },
    )
    applicant = GuidedSession.objects.latest("id").dossier.applicants.get()
    assert applicant.phone == "0987654321"


def test_a_session_without_submission_ignores_the_e_form(client, guidance):
    client.force_login(guidance.vy)
    dossiers = Dossier.objects.count()
    response = client.post(
        reverse("counter:guided-new"),
        {"thu_tuc": guidance.version.pk, "agency": guidance.centre_a.pk, "hard_step": "account"},
    )
    assert response.status_code == 302
    assert GuidedSession.objects.latest("id").dossier is None
    assert Dossier.objects.count() == dossiers


@pytest.mark.parametrize(
    "data, message",
    [
        ({"hard_step": ""}, "Chọn bước công dân gặp khó khăn nhất."),
        ({"hard_step": "everything"}, "Chọn bước công dân gặp khó khăn nhất."),
        ({"full_name": ""}, "Nhập họ tên người nộp để nộp hồ sơ trực tuyến."),
        ({"id_number": "12345"}, "12"),
        ({"email": "khong-phai-email"}, "Nhập địa chỉ thư điện tử"),
        ({"phone": "0912abc678"}, "không phải là số điện thoại"),
        ({"phone": "12345"}, "không phải là số điện thoại"),
        ({"ef-ho_ten_tre": ""}, "Họ, chữ đệm, tên của trẻ"),
    ],
)
def test_a_bad_session_explains_itself_and_records_nothing(client, guidance, data, message):
    client.force_login(guidance.vy)
    before = (GuidedSession.objects.count(), Dossier.objects.count())
    post = {
        "thu_tuc": guidance.version.pk,
        "agency": guidance.centre_a.pk,
        "hard_step": "upload",
        "submitted": "on",
        "full_name": "Vương Thị Lan",
        "ef-ho_ten_tre": "Vương Gia Bảo",
        **data,
    }
    response = client.post(reverse("counter:guided-new"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (GuidedSession.objects.count(), Dossier.objects.count()) == before


def test_the_large_print_declaration_reads_aloud_and_names_the_helper(client, guidance):
    dossier = receive(
        guidance,
        guidance.centre_a,
        guidance.committee_a,
        guidance.alice,
        support_category="visually_impaired",
        assisted_by=guidance.vy,
    )
    client.force_login(guidance.alice)
    page = client.get(reverse("counter:declaration-large", args=[dossier.pk])).content.decode()
    assert "declaration--large" in page
    assert "Trần Minh Khôi" in page  # the answer, shown as well as read
    assert "Đọc to" in page and 'data-read-aloud="#declaration-text"' in page
    assert "counter/js/read_aloud" in page
    assert "<script>" not in page  # CSP: no inline script
    assert "(Ký, ghi rõ họ tên hoặc điểm chỉ)" in page
    assert "Tờ khai do Hoàng Thị Vy kê khai hộ (người khiếm thị)." in page
    assert "Trần Thị Bình" in page  # the citizen stays the applicant


def test_the_large_print_declaration_is_addressed_to_the_competent_commune(client, guidance):
    dossier = receive(
        guidance,
        guidance.centre_a,
        guidance.committee_a,
        guidance.alice,
        form_data={"ho_ten_tre": "Trần Minh Khôi", "ngay_sinh": "2026-12-01"},
    )
    EFormField.objects.create(
        version=guidance.version, key="ngay_sinh", label="Ngày sinh", field_type="date", order=2
    )
    type(guidance.version).objects.filter(pk=guidance.version.pk).update(
        competent_agency_note="Ủy ban nhân dân cấp xã"
    )
    client.force_login(guidance.alice)
    page = client.get(reverse("counter:declaration-large", args=[dossier.pk])).content.decode()
    assert "Kính gửi:</span> <span>Ủy ban nhân dân Xã An</span>" in page
    assert "Ủy ban nhân dân cấp xã" not in page
    # Shown, and read aloud, as the officer typed it.
    assert "01/12/2026" in page and "2026-12-01" not in page


def test_an_unassisted_declaration_names_no_helper(client, guidance):
    client.force_login(guidance.alice)
    url = reverse("counter:declaration-large", args=[guidance.dossier_a.pk])
    page = client.get(url).content.decode()
    assert "kê khai hộ" not in page


def test_a_declaration_with_answers_the_e_form_no_longer_has_still_renders(client, guidance):
    dossier = receive(
        guidance,
        guidance.centre_a,
        guidance.committee_a,
        guidance.alice,
        form_data={"truong_cu": "x", "ho_ten_tre": None},
    )
    client.force_login(guidance.alice)
    url = reverse("counter:declaration-large", args=[dossier.pk])
    assert client.get(url).status_code == 200


def test_the_declaration_takes_the_applicant_typed_once(client, guidance):
    from catalog.models import EFormField

    EFormField.objects.create(
        version=guidance.version,
        key="nguoi_yeu_cau",
        label="Họ tên người yêu cầu",
        order=2,
        required=True,
        prefill_from="applicant.full_name",
    )
    client.force_login(guidance.vy)
    response = client.post(
        reverse("counter:guided-new"),
        {
            "thu_tuc": guidance.version.pk,
            "agency": guidance.centre_a.pk,
            "hard_step": "form",
            "submitted": "on",
            "full_name": "Kiều Văn Sơn",
            "ef-ho_ten_tre": "Kiều Minh Châu",
        },
    )
    assert response.status_code == 302
    dossier = GuidedSession.objects.latest("id").dossier
    assert dossier.form_data["nguoi_yeu_cau"] == "Kiều Văn Sơn"


def test_a_volunteer_off_the_roster_sees_their_next_shift_and_cannot_open_the_forms(
    client, guidance
):
    from datetime import timedelta

    from django.utils import timezone

    from counter.models import DutyShift

    next_day = timezone.localdate() + timedelta(days=2)
    DutyShift.objects.filter(helper=guidance.vy).update(day=next_day, counter="Quầy 4")
    client.force_login(guidance.vy)
    home = client.get(reverse("counter:guidance")).content.decode()
    assert "Hôm nay bạn không có trong lịch trực." in home
    assert next_day.strftime("%d/%m/%Y") in home and "Quầy 4" in home
    assert reverse("counter:slip-new") not in home
    for name in ("counter:slip-new", "counter:guided-new"):
        response = client.get(reverse(name), follow=True)
        assert response.redirect_chain[-1][0] == reverse("counter:guidance")
        assert "Hôm nay bạn không có trong lịch trực." in response.content.decode()
    # An earlier slip of the centre can still be reprinted.
    assert client.get(reverse("counter:slip", args=[guidance.slip_a.pk])).status_code == 200


def test_a_volunteer_on_duty_today_is_told_where(client, guidance):
    client.force_login(guidance.vy)
    home = client.get(reverse("counter:guidance")).content.decode()
    assert "Đang trực hôm nay tại:" in home
    assert guidance.centre_a.name in home
