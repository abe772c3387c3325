"""Public catalogue pages and the administrators' pages."""

import re

import pytest
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import services
from catalog.models import Procedure, ProcedureVersion, VersionStatus
from catalog.tests.builders import field, published
from conftest import login_verified

pytestmark = pytest.mark.django_db


def test_the_procedure_page_shows_documents_fees_and_time_limits(client):
    version = published(fee=8000, days=3)
    body = client.get(reverse("portal:procedure", args=[version.procedure_id])).content.decode()
    assert "Thủ tục đăng ký khai sinh" in body
    assert "8.000 đ" in body
    assert "3 ngày làm việc" in body
    assert "Tờ khai theo mẫu" in body


def test_same_day_procedures_say_so(client):
    version = published(days=0)
    body = client.get(reverse("portal:procedure", args=[version.procedure_id])).content.decode()
    assert "Trong ngày" in body or "trong ngày" in body


def test_drafts_and_expired_procedures_are_not_public(client):
    draft = services.procedure_create(
        actor=None, national_code="2.000815", name="Chứng thực", field=field()
    )
    assert client.get(reverse("portal:procedure", args=[draft.procedure_id])).status_code == 404
    version = published()
    services.procedure_expire(procedure=version.procedure, actor=None)
    assert client.get(reverse("portal:procedure", args=[version.procedure_id])).status_code == 404
    assert (
        "Thủ tục đăng ký khai sinh" not in client.get(reverse("portal:catalogue")).content.decode()
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/thu-tuc/",
        "/thu-tuc/?q=dang+ky",
        "/thu-tuc/niem-yet/tat-ca/",
        "/thu-tuc/niem-yet/buu-chinh/",
        "/thu-tuc/niem-yet/truc-tuyen-mot-phan/",
    ],
)
def test_public_lists_use_the_same_number_of_queries_for_3_or_30_procedures(client, url):
    for n in range(3):
        published(
            code=f"1.00{n:04d}", name=f"Đăng ký việc {n}", postal=True, online_level="partial"
        )
    few = _queries(client, url)
    for n in range(3, 30):
        published(
            code=f"1.00{n:04d}", name=f"Đăng ký việc {n}", postal=True, online_level="partial"
        )
    assert _queries(client, url) == few


@pytest.mark.parametrize(
    "board", ["tat-ca", "truc-tuyen-toan-trinh", "truc-tuyen-mot-phan", "buu-chinh"]
)
def test_each_notice_board_lists_only_its_procedures(client, board):
    full = published(code="1.000001", name="Thủ tục toàn trình", online_level="full")
    partial = published(code="1.000002", name="Thủ tục một phần", online_level="partial")
    postal = published(code="1.000003", name="Thủ tục bưu chính", postal=True)
    expected = {
        "tat-ca": {full, partial, postal},
        "truc-tuyen-toan-trinh": {full},
        "truc-tuyen-mot-phan": {partial},
        "buu-chinh": {postal},
    }[board]
    body = client.get(reverse("portal:notice-board", args=[board])).content.decode()
    for version in (full, partial, postal):
        assert (version.name in body) == (version in expected), version.name


def test_garbage_filters_never_break_the_catalogue(client):
    published()
    for params in (
        {"linh_vuc": "nope", "truc_tuyen": "x", "trang": "-1"},
        {"q": "\x00", "co_quan": "../../"},
        {"buu_chinh": "maybe", "trang": "99999"},
    ):
        assert client.get("/thu-tuc/", params).status_code == 200


def test_an_agency_admin_publishes_a_new_version_through_the_staff_pages(client, cast):
    version = published(agencies=[cast.committee_a])
    login_verified(client, cast.ada)
    client.post(reverse("catalog:staff-draft", args=[version.procedure_id]))
    edit_url = reverse("catalog:staff-edit", args=[version.procedure_id])
    form = client.get(edit_url).context["form"]
    assert form.instance.number == 2
    draft = form.instance
    data = {
        **{f"version-{k}": v for k, v in _form_values(form).items()},
        **_formset_values(client.get(edit_url).context["formsets"]),
    }
    data["version-name"] = "Thủ tục đăng ký khai sinh (sửa đổi)"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    client.post(reverse("catalog:staff-publish", args=[version.procedure_id]))
    draft.refresh_from_db()
    version.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.name == "Thủ tục đăng ký khai sinh (sửa đổi)"
    assert version.status == VersionStatus.EXPIRED
    assert version.name == "Thủ tục đăng ký khai sinh"


def test_a_bad_edit_explains_itself_and_saves_nothing(client, cast):
    version = published(agencies=[cast.committee_a])
    login_verified(client, cast.ada)
    client.post(reverse("catalog:staff-draft", args=[version.procedure_id]))
    edit_url = reverse("catalog:staff-edit", args=[version.procedure_id])
    page = client.get(edit_url)
    data = {
        **{f"version-{k}": v for k, v in _form_values(page.context["form"]).items()},
        **_formset_values(page.context["formsets"]),
    }
    data["version-name"] = ""
    data["fees-0-amount"] = "-5"
    response = client.post(edit_url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trường này là bắt buộc" in body
    assert ProcedureVersion.objects.get(procedure=version.procedure, number=2).name == version.name


def test_officers_can_read_but_not_edit_procedures(client, cast):
    version = published(agencies=[cast.committee_a])
    client.force_login(cast.alice)
    assert (
        client.get(reverse("catalog:staff-procedure", args=[version.procedure_id])).status_code
        == 200
    )
    assert (
        client.post(reverse("catalog:staff-draft", args=[version.procedure_id])).status_code == 403
    )
    assert client.get(reverse("catalog:staff-new")).status_code == 403


def test_staff_of_another_commune_do_not_see_the_procedure(client, cast):
    version = published(agencies=[cast.committee_a])
    client.force_login(cast.bob)
    assert (
        client.get(reverse("catalog:staff-procedure", args=[version.procedure_id])).status_code
        == 404
    )
    assert version.name not in client.get(reverse("catalog:staff-list")).content.decode()


def test_an_admin_creates_a_procedure_and_a_wrong_code_is_explained(client, cast):
    field()
    login_verified(client, cast.ada)
    bad = client.post(
        reverse("catalog:staff-new"),
        {
            "national_code": "abc",
            "name": "Thử",
            "field": field().pk,
            "agencies": [cast.committee_a.pk],
        },
    )
    assert "1.001193" in bad.content.decode()
    assert not Procedure.objects.exists()
    client.post(
        reverse("catalog:staff-new"),
        {
            "national_code": "1.009999",
            "name": "Thử",
            "field": field().pk,
            "agencies": [cast.committee_a.pk],
        },
    )
    assert Procedure.objects.get().versions.get().status == VersionStatus.DRAFT


def _form_values(form):
    values = {}
    for name, bound in form.fields.items():
        value = form.initial.get(name, bound.initial)
        if value is None:
            continue
        if isinstance(value, FieldFile):
            if value:
                values[name] = value.name
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, bool):
            if value:
                values[name] = "on"
            continue
        values[name] = value
    return values


def _formset_values(formsets):
    data = {}
    for prefix, formset in formsets.items():
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{prefix}-{name}"] = management.initial.get(name, 0)
        for index, row in enumerate(formset.forms):
            for name, value in _form_values(row).items():
                data[f"{prefix}-{index}-{name}"] = value
            if row.instance.pk:
                data[f"{prefix}-{index}-id"] = row.instance.pk
    return data


def test_citizens_can_print_the_blank_declaration_of_a_published_procedure(client):
    from catalog.models import EFormField

    version = published()
    EFormField.objects.create(
        version=version, order=0, key="child_name", label="Họ, chữ đệm, tên của trẻ"
    )
    page = client.get(reverse("portal:procedure", args=[version.procedure_id])).content.decode()
    assert reverse("portal:declaration", args=[version.procedure_id]) in page
    body = client.get(reverse("portal:declaration", args=[version.procedure_id])).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    assert "Họ, chữ đệm, tên của trẻ" in body
    assert "TỜ KHAI" in body


def _addressee(body: str) -> str:
    """The "Kính gửi" line as read: tags dropped, spaces collapsed."""
    start = body.index("Kính gửi:")
    return " ".join(re.sub(r"<[^>]+>", " ", body[start : body.index("</p>", start)]).split())


def test_the_blank_declaration_is_addressed_to_the_commune_that_handles_it(client, cast):
    from catalog.models import EFormField

    version = published(agencies=[cast.committee_a])
    ProcedureVersion.objects.filter(pk=version.pk).update(
        competent_agency_note="Ủy ban nhân dân cấp xã"
    )
    EFormField.objects.create(version=version, order=0, key="name", label="Họ tên")
    body = client.get(reverse("portal:declaration", args=[version.procedure_id])).content.decode()
    assert _addressee(body) == "Kính gửi: Ủy ban nhân dân Xã An"
    assert "Ủy ban nhân dân cấp xã" not in body


def test_a_declaration_two_communes_handle_leaves_the_name_to_write_in(client, cast):
    from catalog.models import EFormField

    version = published(agencies=[cast.committee_a, cast.committee_b])
    EFormField.objects.create(version=version, order=0, key="name", label="Họ tên")
    body = client.get(reverse("portal:declaration", args=[version.procedure_id])).content.decode()
    assert _addressee(body) == "Kính gửi: Ủy ban nhân dân"
    assert "decl-fill decl-fill--short" in body


def test_the_staff_list_pages_by_25_with_a_constant_number_of_queries(client, cast):
    for n in range(30):
        published(code=f"1.10{n:04d}", name=f"Thủ tục số {n}", agencies=[cast.committee_a])
    client.force_login(cast.alice)
    first = client.get(reverse("catalog:staff-list"))
    second = client.get(reverse("catalog:staff-list"), {"trang": 2})
    assert len(first.context["versions"]) == 25
    assert len(second.context["versions"]) == 5
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalog:staff-list"), {"trang": 2})
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("catalog:staff-list"))
    assert len(few) == len(many)


def test_unconfirmed_values_are_flagged_to_citizens(client):
    version = published()
    url = reverse("portal:procedure", args=[version.procedure_id])
    assert "đang được đối chiếu" not in client.get(url).content.decode()
    type(version).objects.filter(pk=version.pk).update(unconfirmed=["fees"])
    assert "đang được đối chiếu" in client.get(url).content.decode()
