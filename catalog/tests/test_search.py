"""Citizens search without diacritics or capitals."""

import pytest

from catalog.selectors import CatalogueFilter, procedure_search
from catalog.tests.builders import published
from core.text import fold

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh"),
        ("Chứng thực  bản sao", "chung thuc ban sao"),
        ("Nguyễn Thị Ngọc Ánh", "nguyen thi ngoc anh"),
        ("Ưu tiên", "uu tien"),
    ],
)
def test_fold_removes_marks_case_and_extra_spaces(text, folded):
    assert fold(text) == folded


@pytest.fixture
def catalogue():
    return {
        "birth": published(code="1.001193", name="Thủ tục đăng ký khai sinh"),
        "copy": published(
            code="2.000815",
            name="Chứng thực bản sao từ bản chính giấy tờ",
            field_code="CT",
            field_name="Chứng thực",
        ),
        "death": published(code="1.000656", name="Thủ tục đăng ký khai tử"),
    }


@pytest.mark.parametrize(
    "query,expected",
    [
        ("dang ky khai sinh", ["birth"]),
        ("ĐĂNG KÝ KHAI SINH", ["birth"]),
        ("khai sinh", ["birth"]),
        ("Khai Sinh", ["birth"]),
        ("chung thuc", ["copy"]),
        ("sinh khai", ["birth"]),
        ("1.001193", ["birth"]),
        ("dang ky", ["birth", "death"]),
        ("ho tich", ["birth", "death"]),
        ("khai sinh xyz", []),
    ],
)
def test_search_ignores_diacritics_case_and_word_order(catalogue, query, expected):
    found = procedure_search(CatalogueFilter(query=query))
    assert sorted(v.pk for v in found) == sorted(catalogue[k].pk for k in expected)


def test_filters_combine_with_the_search(catalogue):
    found = procedure_search(CatalogueFilter(query="dang ky", field="HT"))
    assert {v.pk for v in found} == {catalogue["birth"].pk, catalogue["death"].pk}
    assert not procedure_search(CatalogueFilter(query="dang ky", field="CT")).exists()
