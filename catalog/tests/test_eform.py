"""The e-form: the built form's checks, the editor's services and pages, the preview and the
printed declaration."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from catalog.declaration import declaration_rows
from catalog.eform import MESSAGES, build_form_class, format_table
from catalog.forms_eform import EFormFieldForm
from catalog.models import EFormField, FieldType, PrefillSource
from catalog.services_eform import (
    eform_field_add,
    eform_field_delete,
    eform_field_move,
    eform_field_update,
    key_from_label,
)
from catalog.tests.factories import EFormFieldFactory, ProcedureVersionFactory
from conftest import login_verified
from core.models import AuditEvent
from org.models import Role
from org.tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


def definition(key="value", field_type=FieldType.TEXT, **settings) -> EFormField:
    """An unsaved field definition: the form builder needs no database."""
    return EFormField(
        key=key, label=settings.pop("label", "Giá trị"), field_type=field_type, **settings
    )


def check(item: EFormField, value, *, language="en"):
    """(cleaned value, error messages) for one value typed into one field. The messages are
    compared in English (the msgids); `test_every_message_of_the_checks_is_translated` and the
    ID-number test hold the Vietnamese."""
    with translation.override(language):
        form = build_form_class([item])({item.key: value})
        form.is_valid()
        return form.cleaned_data.get(item.key), [str(e) for e in form.errors.get(item.key, [])]


def draft_version(cast, **kwargs):
    return ProcedureVersionFactory(
        draft=True, procedure__agencies=[cast.committee_a, cast.centre_a], **kwargs
    )


def published_version(cast, **kwargs):
    return ProcedureVersionFactory(procedure__agencies=[cast.committee_a, cast.centre_a], **kwargs)


def orders(version) -> list[tuple[str, int]]:
    return list(version.form_fields.order_by("order").values_list("key", "order"))


# --- The built form ------------------------------------------------------------------------


def test_an_id_number_of_eleven_digits_is_refused_with_a_vietnamese_message():
    item = definition(field_type=FieldType.ID_NUMBER)
    value, errors = check(item, "01234567890", language="vi")
    assert value is None
    assert errors == ["Số định danh cá nhân phải gồm đúng 12 chữ số (bạn đã nhập 11 ký tự)."]


def test_every_message_of_the_checks_is_translated():
    with translation.override("en"):
        english = [str(message) for message in MESSAGES.values()]
    with translation.override("vi"):
        vietnamese = [str(message) for message in MESSAGES.values()]
    assert [e for e, v in zip(english, vietnamese, strict=True) if e == v] == []


def test_an_id_number_of_twelve_digits_is_accepted_even_typed_in_groups():
    assert check(definition(field_type=FieldType.ID_NUMBER), "001 099 012 345") == (
        "001099012345",
        [],
    )
    assert check(definition(field_type=FieldType.ID_NUMBER), "00109901234a")[1]


def test_dates_are_typed_and_shown_as_day_month_year():
    item = definition(field_type=FieldType.DATE)
    assert check(item, "05/09/2024") == (date(2024, 9, 5), [])
    for wrong in ("2024-09-05", "31/02/2024", "5 tháng 9"):
        assert check(item, wrong)[1] == [
            "Enter the date as day/month/year, for example 05/09/2024."
        ]
    form = build_form_class([item])(initial={"value": date(2024, 9, 5)})
    html = str(form["value"])
    assert 'value="05/09/2024"' in html
    assert 'type="text"' in html and 'type="date"' not in html


def test_numbers_keep_within_the_minimum_and_maximum():
    item = definition(field_type=FieldType.NUMBER, min_value=Decimal("0.5"), max_value=Decimal(10))
    assert check(item, "2,5") == (Decimal("2.5"), [])
    assert check(item, "0.4")[1] == ["Enter a number greater than or equal to 0.5."]
    assert check(item, "11")[1] == ["Enter a number less than or equal to 10."]
    assert check(item, "mười")[1] == ["Enter a number, for example 1500000 or 2,5."]


def test_numbers_accept_dots_between_thousands():
    item = definition(field_type=FieldType.NUMBER)
    assert check(item, "1.500.000")[0] == Decimal(1500000)
    assert check(item, "12.5")[0] == Decimal("12.5")


def test_a_choice_must_be_one_of_the_options():
    item = definition(field_type=FieldType.CHOICE, choices=["Nam", "Nữ"], required=True)
    assert check(item, "Nữ") == ("Nữ", [])
    assert check(item, "Khác")[1] == ["Choose one of the options in the list."]
    assert check(item, "")[1] == ["Please fill in this item."]


def test_a_pattern_must_match_the_whole_value():
    item = definition(pattern=r"\d{4}")
    assert check(item, "2024") == ("2024", [])
    assert check(item, "2024a")[1] == ["This value is not in the expected format."]


def test_text_lengths_are_checked():
    item = definition(min_length=2, max_length=5)
    assert check(item, "A")[1] == ["Enter at least 2 characters (you typed 1)."]
    assert check(item, "Abcdef")[1] == ["Enter at most 5 characters (you typed 6)."]
    assert check(item, "Abc")[1] == []


def test_a_required_tick_box_must_be_ticked():
    item = definition(field_type=FieldType.CHECKBOX, required=True)
    assert check(item, "on") == (True, [])
    assert check(item, "")[1] == ["Tick this box to continue."]


def test_table_rows_round_trip_through_the_text_area():
    item = definition(field_type=FieldType.TABLE, columns=["Họ tên", "Năm sinh", "Quan hệ"])
    rows, errors = check(item, "Nguyễn Văn A | 1980 | Cha\n\nTrần Thị B|1982")
    assert errors == []
    assert rows == [["Nguyễn Văn A", "1980", "Cha"], ["Trần Thị B", "1982", ""]]
    assert check(item, format_table(rows))[0] == rows
    assert check(item, "a | b | c | d")[1] == [
        "Row 1 has 4 cells but the table has 3 columns. Separate the cells with |."
    ]


def test_the_declaration_rows_format_values_as_printed():
    items = [
        definition("name", label="Họ và tên"),
        definition("born", FieldType.DATE, label="Ngày sinh"),
        definition("area", FieldType.NUMBER, label="Diện tích"),
        definition("agree", FieldType.CHECKBOX, label="Đồng ý"),
        definition("kids", FieldType.TABLE, label="Con", columns=["Tên"]),
        definition("note", FieldType.TEXTAREA, label="Ghi chú"),
    ]
    data = {
        "name": "Lê Văn C",
        "born": date(1990, 1, 2),
        "area": Decimal("1500000.50"),
        "agree": True,
        "kids": [["Lê D"]],
    }
    rows = declaration_rows(items, data)
    assert [(r.label, r.value) for r in rows[:3]] == [
        ("Họ và tên", "Lê Văn C"),
        ("Ngày sinh", "02/01/1990"),
        ("Diện tích", "1500000,5"),
    ]
    assert rows[3].checked and rows[4].rows == [["Lê D"]]
    assert not rows[5].is_filled


def test_a_dossier_s_stored_dates_and_numbers_print_the_vietnamese_way():
    # A dossier keeps its answers as JSON: the date typed 01/12/2026 is stored "2026-12-01".
    items = [
        definition("born", FieldType.DATE, label="Ngày sinh"),
        definition("area", FieldType.NUMBER, label="Diện tích"),
        definition("note", FieldType.TEXT, label="Ghi chú"),
    ]
    data = {"born": "2026-12-01", "area": "2.5", "note": "2026-12-01"}
    rows = declaration_rows(items, data)
    assert [row.value for row in rows] == ["01/12/2026", "2,5", "2026-12-01"]
    assert declaration_rows(items[:1], {"born": "2026-13-45"})[0].value == "2026-13-45"


# --- Keys and order ------------------------------------------------------------------------


def test_keys_are_made_from_vietnamese_labels():
    assert key_from_label("Họ và tên của trẻ") == "ho_va_ten_cua_tre"
    assert key_from_label("Đơn vị (xã/phường)") == "don_vi_xa_phuong"
    assert key_from_label("1. Nơi cư trú") == "noi_cu_tru"
    assert key_from_label("???") == "field"


def test_generated_keys_are_numbered_when_the_label_repeats(cast):
    version = draft_version(cast)
    keys = [
        eform_field_add(version=version, actor=cast.ada, data={"label": "Họ và tên của trẻ"}).key
        for _ in range(3)
    ]
    assert keys == ["ho_va_ten_cua_tre", "ho_va_ten_cua_tre_2", "ho_va_ten_cua_tre_3"]


def test_fields_are_added_at_the_end_and_each_change_is_audited(cast):
    version = draft_version(cast)
    before = AuditEvent.objects.count()
    first = eform_field_add(version=version, actor=cast.ada, data={"label": "Họ tên"})
    eform_field_add(
        version=version,
        actor=cast.ada,
        data={"label": "Giới tính", "field_type": FieldType.CHOICE, "choices": ["Nam", "Nữ"]},
    )
    eform_field_update(field=first, actor=cast.ada, data={"required": True})
    assert orders(version) == [("ho_ten", 0), ("gioi_tinh", 1)]
    assert AuditEvent.objects.count() == before + 3
    last = AuditEvent.objects.order_by("-id").first()
    assert last.action == "eform_field_update"
    assert last.old_values == {"required": False}
    assert last.actor == cast.ada


def test_settings_the_type_does_not_use_are_not_kept(cast):
    version = draft_version(cast)
    field = eform_field_add(
        version=version,
        actor=cast.ada,
        data={"label": "Ghi chú", "choices": ["a", "b"], "min_value": Decimal(1), "max_length": 9},
    )
    assert (field.choices, field.min_value, field.max_length) == ([], None, 9)


def test_moving_a_field_keeps_the_orders_contiguous(cast):
    version = draft_version(cast)
    a, b, c = (
        eform_field_add(version=version, actor=cast.ada, data={"label": label})
        for label in ("A", "B", "C")
    )
    eform_field_move(field=c, actor=cast.ada, direction="up")
    assert orders(version) == [("a", 0), ("c", 1), ("b", 2)]
    eform_field_move(field=c, actor=cast.ada, direction="up")
    eform_field_move(field=c, actor=cast.ada, direction="up")  # already first: nothing happens
    assert orders(version) == [("c", 0), ("a", 1), ("b", 2)]
    eform_field_move(field=a, actor=cast.ada, direction="down")
    assert orders(version) == [("c", 0), ("b", 1), ("a", 2)]
    eform_field_delete(field=c, actor=cast.ada)
    assert orders(version) == [("b", 0), ("a", 1)]


def test_a_gap_left_by_imported_orders_is_closed_by_the_next_move(cast):
    version = draft_version(cast)
    EFormFieldFactory(version=version, key="a", order=3)
    b = EFormFieldFactory(version=version, key="b", order=7)
    eform_field_move(field=b, actor=cast.ada, direction="up")
    assert orders(version) == [("b", 0), ("a", 1)]


def test_a_published_versions_fields_cannot_be_added_changed_moved_or_deleted(cast):
    version = published_version(cast)
    first = EFormFieldFactory(version=version, key="a", order=0)
    EFormFieldFactory(version=version, key="b", order=1)
    writes = [
        lambda: eform_field_add(version=version, actor=cast.ada, data={"label": "Mới"}),
        lambda: eform_field_update(field=first, actor=cast.ada, data={"label": "Đổi"}),
        lambda: eform_field_move(field=first, actor=cast.ada, direction="down"),
        lambda: eform_field_delete(field=first, actor=cast.ada),
    ]
    for write in writes:
        with pytest.raises(ValidationError):
            write()
    assert orders(version) == [("a", 0), ("b", 1)]
    first.refresh_from_db()
    assert first.label != "Đổi"


def test_the_services_refuse_a_broken_definition_or_a_taken_key(cast):
    version = draft_version(cast)
    eform_field_add(version=version, actor=cast.ada, data={"label": "Họ tên"})
    with pytest.raises(ValidationError) as refused:
        eform_field_add(
            version=version,
            actor=cast.ada,
            data={"label": "Giới tính", "field_type": FieldType.CHOICE, "choices": ["Nam"]},
        )
    assert "choices" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        eform_field_add(version=version, actor=cast.ada, data={"label": "X", "key": "ho_ten"})
    assert "key" in refused.value.message_dict


# --- The configuration form ----------------------------------------------------------------


def test_the_configuration_form_checks_choices_columns_limits_pattern_and_key(cast):
    version = draft_version(cast)
    EFormFieldFactory(version=version, key="ho_ten", order=0)

    def errors(**data):
        form = EFormFieldForm({"label": "Thử", "field_type": "text", **data}, version=version)
        return form.errors if not form.is_valid() else {}

    assert "choices" in errors(field_type="choice", choices="Nam")
    assert not errors(field_type="choice", choices="Nam\n\nNữ\n")
    assert "columns" in errors(field_type="table", columns="")
    assert "min_length" in errors(min_length=5, max_length=2)
    assert "min_value" in errors(field_type="number", min_value=5, max_value=2)
    assert "pattern" in errors(pattern="([0-9]")
    assert "pattern" in errors(pattern="(a+)+$")
    assert "key" in errors(key="ho_ten")
    assert "key" in errors(key="họ tên")
    assert not errors(key="")


def test_the_configuration_form_shows_lists_one_per_line(cast):
    field = EFormFieldFactory(
        version=draft_version(cast), field_type=FieldType.CHOICE, choices=["Nam", "Nữ"]
    )
    form = EFormFieldForm(instance=field, version=field.version)
    assert ">\nNam\nNữ</textarea>" in str(form["choices"])


# --- Pages ---------------------------------------------------------------------------------


def editor(version) -> str:
    return reverse("catalog:eform-editor", args=[version.procedure_id])


def preview(version) -> str:
    return reverse("catalog:eform-preview", args=[version.procedure_id, version.number])


def declaration(version) -> str:
    return reverse("catalog:eform-declaration", args=[version.procedure_id, version.number])


NEW_FIELD = {"new-label": "Họ và tên của trẻ", "new-field_type": "text", "new-key": ""}


def test_an_agency_admin_builds_the_form_in_the_editor(client, cast):
    version = draft_version(cast)
    login_verified(client, cast.ada)
    manage = reverse("catalog:staff-procedure", args=[version.procedure_id])
    assert editor(version) in client.get(manage).content.decode()
    page = client.get(editor(version)).content.decode()
    assert 'name="new-label"' in page and "autofocus" in page
    assert client.post(editor(version), NEW_FIELD).status_code == 302
    client.post(editor(version), {**NEW_FIELD, "new-label": "Ngày sinh", "new-field_type": "date"})
    child, born = version.form_fields.all()
    assert (child.key, born.key) == ("ho_va_ten_cua_tre", "ngay_sinh")

    client.post(
        reverse("catalog:eform-move", args=[version.procedure_id, born.pk]), {"direction": "up"}
    )
    assert orders(version) == [("ngay_sinh", 0), ("ho_va_ten_cua_tre", 1)]

    edit_url = reverse("catalog:eform-field", args=[version.procedure_id, child.pk])
    client.post(
        edit_url,
        {"label": "Họ tên của trẻ", "field_type": "text", "key": child.key, "required": "on"},
    )
    child.refresh_from_db()
    assert (child.label, child.required) == ("Họ tên của trẻ", True)

    delete_url = reverse("catalog:eform-delete", args=[version.procedure_id, born.pk])
    asked = client.post(delete_url)
    assert "Ngày sinh" in asked.content.decode() and version.form_fields.count() == 2
    client.post(delete_url, {"confirm": "1"})
    assert orders(version) == [("ho_va_ten_cua_tre", 0)]


def test_the_editor_keeps_what_was_typed_and_explains_the_error(client, cast):
    version = draft_version(cast)
    login_verified(client, cast.ada)
    response = client.post(
        editor(version), {**NEW_FIELD, "new-field_type": "choice", "new-choices": "Nam"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Họ và tên của trẻ" in body
    assert 'id="id_new-choices_error"' in body
    assert not version.form_fields.exists()


def test_posting_to_the_editor_of_a_published_version_changes_nothing(client, cast):
    version = published_version(cast)
    field = EFormFieldFactory(version=version, key="a", label="A", order=0)
    EFormFieldFactory(version=version, key="b", label="B", order=1)
    login_verified(client, cast.ada)
    pk = version.procedure_id
    posts = [
        (editor(version), NEW_FIELD),
        (
            reverse("catalog:eform-field", args=[pk, field.pk]),
            {"label": "Đổi", "field_type": "text"},
        ),
        (reverse("catalog:eform-move", args=[pk, field.pk]), {"direction": "down"}),
        (reverse("catalog:eform-delete", args=[pk, field.pk]), {"confirm": "1"}),
        (reverse("catalog:eform-delete", args=[pk, field.pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert [m.level_tag for m in response.context["messages"]] == ["error"], url
    assert orders(version) == [("a", 0), ("b", 1)]
    field.refresh_from_db()
    assert field.label == "A"


def test_a_specialist_cannot_edit_the_form_but_can_preview_it(client, cast):
    specialist = UserFactory(username="sue")
    give_role(specialist, cast.committee_a, Role.SPECIALIST)
    version = draft_version(cast)
    field = EFormFieldFactory(version=version, key="a", order=0)
    client.force_login(specialist)
    pk = version.procedure_id
    assert client.get(editor(version)).status_code == 403
    assert client.post(editor(version), NEW_FIELD).status_code == 403
    assert (
        client.post(
            reverse("catalog:eform-move", args=[pk, field.pk]), {"direction": "down"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("catalog:eform-delete", args=[pk, field.pk]), {"confirm": "1"}
        ).status_code
        == 403
    )
    assert version.form_fields.count() == 1
    assert client.get(preview(version)).status_code == 200
    assert client.get(declaration(version)).status_code == 200
    detail = reverse("catalog:staff-version", args=[version.procedure_id, version.number])
    page = client.get(detail).content.decode()
    assert preview(version) in page and declaration(version) in page
    manage = reverse("catalog:staff-procedure", args=[version.procedure_id])
    assert editor(version) not in client.get(manage).content.decode()


def test_the_preview_shows_the_checks_messages_in_vietnamese(client, cast):
    version = published_version(cast)
    EFormFieldFactory(
        version=version,
        key="cccd",
        label="Số CCCD",
        field_type=FieldType.ID_NUMBER,
        required=True,
        order=0,
    )
    EFormFieldFactory(
        version=version, key="born", label="Ngày sinh", field_type=FieldType.DATE, order=1
    )
    client.force_login(cast.alice)
    blank = client.get(preview(version)).content.decode()
    assert "Số CCCD" in blank and "errorlist" not in blank
    body = client.get(preview(version), {"cccd": "01234567890", "born": "1990-01-02"})
    body = body.content.decode()
    assert "Số định danh cá nhân phải gồm đúng 12 chữ số (bạn đã nhập 11 ký tự)." in body
    assert "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2024." in body
    assert 'value="01234567890"' in body  # what was typed stays


def test_typed_values_are_posted_so_they_stay_out_of_addresses_and_logs(client, cast):
    version = published_version(cast)
    EFormFieldFactory(
        version=version, key="cccd", label="Số CCCD", field_type=FieldType.ID_NUMBER, order=0
    )
    client.force_login(cast.alice)
    page = client.get(preview(version)).content.decode()
    assert 'method="post"' in page
    assert f'formaction="{declaration(version)}"' in page
    checked = client.post(preview(version), {"cccd": "0123"}).content.decode()
    assert 'id="id_cccd_error"' in checked
    printed = client.post(declaration(version), {"cccd": "001099012345"}).content.decode()
    assert '<span class="decl-fill decl-fill--filled">001099012345</span>' in printed
    assert '<input type="hidden" name="cccd" value="001099012345">' in printed


def test_the_blank_declaration_has_the_motto_and_dotted_lines(client, cast):
    version = published_version(cast, name="Đăng ký khai sinh")
    EFormFieldFactory(version=version, key="name", label="Họ, chữ đệm, tên", order=0)
    EFormFieldFactory(
        version=version, key="place", label="Nơi cư trú", field_type=FieldType.ADDRESS, order=1
    )
    client.force_login(cast.alice)
    body = client.get(declaration(version)).content.decode()
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ KHAI",
        "ĐĂNG KÝ KHAI SINH",
        "Kính gửi:",
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật",
        "ngày . . . tháng . . . năm",
        "NGƯỜI YÊU CẦU",
        "(Ký, ghi rõ họ tên hoặc điểm chỉ)",
        "catalog/css/declaration.css",
        "data-print",
    ):
        assert text in body, text
    assert body.count('class="decl-fill"') >= 2
    assert "declaration--large" not in body
    assert "declaration--large" in client.get(declaration(version), {"lon": "1"}).content.decode()


def test_the_declaration_prints_the_values_it_is_given(client, cast):
    version = published_version(cast)
    EFormFieldFactory(
        version=version, key="name", label="Họ tên", order=0, prefill_from=PrefillSource.FULL_NAME
    )
    EFormFieldFactory(
        version=version, key="born", label="Ngày sinh", field_type=FieldType.DATE, order=1
    )
    EFormFieldFactory(
        version=version,
        key="kids",
        label="Con",
        field_type=FieldType.TABLE,
        columns=["Họ tên", "Năm sinh"],
        order=2,
    )
    client.force_login(cast.alice)
    body = client.get(
        declaration(version),
        {"name": "Đặng Thị Ngọc Ánh", "born": "02/01/1990", "kids": "Lê An | 2015"},
    ).content.decode()
    assert '<span class="decl-fill decl-fill--filled">Đặng Thị Ngọc Ánh</span>' in body
    assert '<p class="decl-sign__name">Đặng Thị Ngọc Ánh</p>' in body
    assert "02/01/1990" in body
    assert "<td>Lê An</td><td>2015</td>" in body
    assert "decl-fill--filled" in body


def test_an_officer_of_another_agency_gets_404(client, cast):
    version = published_version(cast)
    field = EFormFieldFactory(version=version, key="a", order=0)
    draft = draft_version(cast)
    client.force_login(cast.bob)
    assert client.get(preview(version)).status_code == 404
    assert client.get(declaration(version)).status_code == 404
    bob_admin = UserFactory(username="bao")
    give_role(bob_admin, cast.committee_b, Role.AGENCY_ADMIN)
    login_verified(client, bob_admin)
    assert client.get(editor(draft)).status_code == 404
    assert client.post(editor(draft), NEW_FIELD).status_code == 404
    url = reverse("catalog:eform-move", args=[version.procedure_id, field.pk])
    assert client.post(url, {"direction": "down"}).status_code == 404


def test_a_field_of_another_procedure_is_not_found_through_this_one(client, cast):
    version = draft_version(cast)
    other = EFormFieldFactory(version=draft_version(cast), key="a", order=0)
    login_verified(client, cast.ada)
    url = reverse("catalog:eform-field", args=[version.procedure_id, other.pk])
    assert client.get(url).status_code == 404
