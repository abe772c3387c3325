"""Amounts in words as receipts write them."""

import pytest

from payments.words import amount_words, number_words

CASES = [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (2_000, "hai nghìn"),
    (8_000, "tám nghìn"),
    (10_000, "mười nghìn"),
    (150_000, "một trăm năm mươi nghìn"),
    (200_000, "hai trăm nghìn"),
    (1_000_000, "một triệu"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (1_001_000, "một triệu không trăm linh một nghìn"),
    (1_000_010, "một triệu không trăm mười"),
    (2_000_105, "hai triệu một trăm linh năm"),
    (1_000_000_000, "một tỷ"),
    (1_500_000_000, "một tỷ năm trăm triệu"),
    (1_000_000_001, "một tỷ không trăm linh một"),
    (
        12_345_678_901,
        "mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm linh một",
    ),
]


@pytest.mark.parametrize(("amount", "words"), CASES)
def test_amounts_read_as_a_vietnamese_receipt_writes_them(amount, words):
    assert number_words(amount) == words


def test_the_receipt_line_is_capitalised_and_ends_in_dong():
    assert amount_words(150_000) == "Một trăm năm mươi nghìn đồng"


@pytest.mark.parametrize("bad", [-1, 1.5, "150000", True])
def test_only_whole_amounts_of_dong_are_read(bad):
    with pytest.raises(ValueError):
        number_words(bad)
