"""The server errors the bad-input suite found, each pinned by a plain test: a value no column
can hold, digits `int()` refuses, dates past the calendar's ends, Django's own messages left
in English."""

import pytest
from django.urls import reverse

from catalog.models import Procedure
from catalog.tests.builders import field
from conftest import login_verified
from core.converters import id_from
from counter.models import DutyShift
from counter.selectors import _counter_order
from dossiers.tests.test_forms import receive, register_url
from dossiers.tests.test_workspace import RECEPTION

pytestmark = pytest.mark.django_db

TOO_BIG = "9" * 19  # more than a 64-bit column holds


@pytest.mark.parametrize("text", ["²", "١٢", "9" * 5000, TOO_BIG, "-1", " ", "", "1.5"])
def test_text_that_is_not_a_row_id_gives_none(text):
    assert id_from(text) is None


def test_a_row_id_is_read_from_its_digits():
    assert id_from(" 42 ") == 42


def test_a_new_procedure_for_an_agency_id_no_column_holds_is_refused_in_vietnamese(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("catalog:staff-new"),
        {"national_code": "1.009999", "name": "Thử", "field": field().pk, "agencies": [TOO_BIG]},
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Procedure.objects.exists()


def test_a_dossier_file_address_with_a_number_no_column_holds_is_not_found(client, office):
    client.force_login(office.alice)
    assert client.get(f"/can-bo/ho-so/{TOO_BIG}/tep/1/").status_code == 404


@pytest.mark.parametrize("version", ["²", "9" * 5000])
def test_the_reception_of_a_procedure_number_int_refuses_is_not_found(client, office, version):
    client.force_login(office.alice)
    assert client.get(RECEPTION, {"thu_tuc": version}).status_code == 404


@pytest.mark.parametrize("name", ["counter:slip-new", "counter:guided-new"])
def test_the_guidance_screens_of_a_procedure_number_int_refuses_are_not_found(client, office, name):
    client.force_login(office.alice)
    assert client.get(reverse(name), {"thu_tuc": "²"}).status_code == 404


def test_counters_named_with_superscript_digits_still_sort():
    shift = DutyShift(counter="Quầy 1²2", pk=1)
    assert _counter_order(shift)


@pytest.mark.parametrize("start, end", [("01/01/0001", "02/01/0001"), ("30/12/9999", "31/12/9999")])
def test_the_register_refuses_dates_beyond_the_calendar_in_vietnamese(client, office, start, end):
    receive(office)
    client.force_login(office.alice)
    response = client.get(register_url(office, start=start, end=end))
    assert response.status_code == 200
    assert "Hãy nhập ngày trong khoảng từ năm 2000 đến năm 2100." in response.content.decode()


def test_a_null_character_in_a_filter_is_refused_in_vietnamese(client, office):
    client.force_login(office.alice)
    response = client.get(reverse("counter:counts"), {"agency": "\x00"})
    assert response.status_code == 200
    assert "Không được chứa ký tự rỗng (NUL)." in response.content.decode()


@pytest.mark.parametrize("target", ["abc", "%ff", "javascript:alert(1)", "//evil.example/"])
def test_switching_the_language_with_a_return_address_that_is_not_a_path_goes_home(client, target):
    response = client.get(f"/ngon-ngu/en/?next={target}")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_switching_the_language_returns_to_the_page_of_this_site(client):
    response = client.get("/ngon-ngu/en/?next=/thu-tuc/%3Fq%3Dkhai")
    assert response["Location"] == "/thu-tuc/?q=khai"


def _project_patterns(resolver=None, prefix=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield from _project_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.pattern.converters


def test_no_project_address_reads_a_row_number_with_int():
    """`<int:>` hands any number of digits to the database, which overflows; `<id:>` refuses
    what no column holds (the staff and message pages were added with `<int:>` once)."""
    from django.urls.converters import IntConverter

    with_int = [
        route
        for route, converters in _project_patterns()
        if any(isinstance(converter, IntConverter) for converter in converters.values())
    ]
    assert not with_int


@pytest.mark.parametrize("suffix", ["", "khoa/", "mat-khau/", "xac-thuc/"])
def test_a_staff_account_number_no_column_holds_is_not_found(client, cast, suffix):
    login_verified(client, cast.ada)
    assert client.get(f"/can-bo/nhan-su/{TOO_BIG}/{suffix}").status_code == 404
    assert client.post(f"/can-bo/nhan-su/{TOO_BIG}/{suffix}").status_code == 404
