"""Fee rules over quantities, as pure functions: tables of cases, no database."""

import pytest
from django.utils import translation

from catalog.fees import (
    FeeRule,
    FeeUnit,
    Quantities,
    QuantityError,
    Tier,
    fee_amount,
    parse_tiers,
    quantity_words,
    rule_problems,
    rule_words,
    tiers_text,
)

# Circular 226/2016/TT-BTC: 2.000 đ a page, 1.000 đ a page from the third, at most 200.000 đ
# a copy, for each copy.
CERTIFIED_COPY = FeeRule(
    amount=2000, unit=FeeUnit.PAGE, tiers=(Tier(3, 1000),), cap_per_copy=200_000
)
SIGNATURE = FeeRule(amount=10_000, unit=FeeUnit.ITEM, item_name="trường hợp")
EXTRACT_COPY = FeeRule(amount=8000, unit=FeeUnit.COPY)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("rule", "pages", "count", "expected"),
    [
        (CERTIFIED_COPY, 3, 2, 10_000),  # the case: (2.000 + 2.000 + 1.000) × 2
        (CERTIFIED_COPY, 1, 1, 2000),
        (CERTIFIED_COPY, 2, 1, 4000),
        (CERTIFIED_COPY, 3, 1, 5000),
        (CERTIFIED_COPY, 1, 3, 6000),
        (CERTIFIED_COPY, 198, 1, 200_000),  # 4.000 + 196 × 1.000: exactly the cap
        (CERTIFIED_COPY, 300, 1, 200_000),  # a 300-page original: capped per copy
        (CERTIFIED_COPY, 300, 2, 400_000),  # the cap is per copy, not per dossier
        (EXTRACT_COPY, None, 1, 8000),
        (EXTRACT_COPY, None, 5, 40_000),
        (SIGNATURE, None, 3, 30_000),
        (FeeRule(amount=50_000), None, None, 50_000),  # fixed: quantities do not matter
        (FeeRule(amount=0), None, None, 0),
        (FeeRule(amount=5000, unit=FeeUnit.COPY, tiers=(Tier(2, 3000),)), None, 3, 11_000),
        (FeeRule(amount=1000, unit=FeeUnit.PAGE, minimum=20_000), 3, 2, 20_000),
        (FeeRule(amount=1000, unit=FeeUnit.PAGE, minimum=20_000), 30, 1, 30_000),
        (
            # three rates: pages 1–2, 3–9, then from the 10th
            FeeRule(amount=3000, unit=FeeUnit.PAGE, tiers=(Tier(3, 2000), Tier(10, 500))),
            12,
            1,
            2 * 3000 + 7 * 2000 + 3 * 500,
        ),
    ],
)
def test_a_fee_comes_to_what_its_rule_says(rule, pages, count, expected):
    amount = fee_amount(rule, Quantities(pages=pages, count=count))
    assert amount == expected
    assert type(amount) is int


@pytest.mark.parametrize(
    ("rule", "pages", "count", "field", "message"),
    [
        (CERTIFIED_COPY, 3, 0, "count", "Số bản sao ít nhất là 1."),
        (CERTIFIED_COPY, 0, 2, "pages", "Số trang của bản chính ít nhất là 1."),
        (CERTIFIED_COPY, None, 2, "pages", "Nhập số trang của bản chính."),
        (CERTIFIED_COPY, 3, None, "count", "Nhập số bản sao."),
        (CERTIFIED_COPY, 3, -1, "count", "Số bản sao ít nhất là 1."),
        (CERTIFIED_COPY, 2.5, 1, "pages", "Số trang của bản chính phải là số nguyên."),
        (CERTIFIED_COPY, True, 1, "pages", "Số trang của bản chính phải là số nguyên."),
        (CERTIFIED_COPY, 3, 100_001, "count", "Số bản sao nhiều nhất là 100.000."),
        (SIGNATURE, None, 0, "count", "Số trường hợp ít nhất là 1."),
    ],
)
def test_a_missing_or_impossible_quantity_is_refused_in_vietnamese(
    rule, pages, count, field, message
):
    with pytest.raises(QuantityError) as error:
        fee_amount(rule, Quantities(pages=pages, count=count))
    assert (error.value.field, error.value.message) == (field, message)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (
            CERTIFIED_COPY,
            "2.000 đ/trang cho trang thứ nhất và thứ hai; 1.000 đ/trang từ trang thứ ba; "
            "tối đa 200.000 đ/bản",
        ),
        (SIGNATURE, "10.000 đ/trường hợp"),
        (EXTRACT_COPY, "8.000 đ/bản"),
        (FeeRule(amount=50_000), "50.000 đ"),
        (FeeRule(amount=10_000, unit=FeeUnit.ITEM), "10.000 đ/trường hợp"),
        (
            FeeRule(amount=5000, unit=FeeUnit.COPY, tiers=(Tier(2, 3000),), minimum=8000),
            "5.000 đ/bản cho bản thứ nhất; 3.000 đ/bản từ bản thứ hai; tối thiểu 8.000 đ",
        ),
        (
            FeeRule(amount=3000, unit=FeeUnit.PAGE, tiers=(Tier(6, 2000), Tier(12, 500))),
            "3.000 đ/trang từ trang thứ nhất đến trang thứ năm; 2.000 đ/trang từ trang thứ sáu "
            "đến trang thứ 11; 500 đ/trang từ trang thứ 12",
        ),
    ],
)
def test_the_rule_reads_as_the_public_notice_states_it(rule, words):
    assert rule_words(rule) == words


def test_the_rule_reads_in_english_too():
    with translation.override("en"):
        assert rule_words(CERTIFIED_COPY) == (
            "2.000 đ/page for the first and second page; 1.000 đ/page from the third page on; "
            "at most 200.000 đ/copy"
        )
        assert quantity_words(CERTIFIED_COPY, Quantities(3, 2)) == "3 pages × 2 copies"


@pytest.mark.parametrize(
    ("rule", "quantities", "words"),
    [
        (CERTIFIED_COPY, Quantities(3, 2), "3 trang × 2 bản"),
        (EXTRACT_COPY, Quantities(count=2), "2 bản"),
        (SIGNATURE, Quantities(count=3), "3 trường hợp"),
        (FeeRule(amount=8000), Quantities(), ""),
    ],
)
def test_the_quantities_read_as_the_receipt_prints_them(rule, quantities, words):
    assert quantity_words(rule, quantities) == words


@pytest.mark.parametrize(
    ("rule", "problems"),
    [
        (CERTIFIED_COPY, []),
        (SIGNATURE, []),
        (FeeRule(amount=8000), []),
        (FeeRule(amount=8000, unit="pages"), ["unit"]),
        (FeeRule(amount=8000, cap_per_copy=100), ["cap_per_copy"]),
        (FeeRule(amount=8000, tiers=(Tier(3, 1000),)), ["tiers"]),
        (FeeRule(amount=8000, minimum=1000), ["minimum"]),
        (FeeRule(amount=8000, unit=FeeUnit.COPY, cap_per_copy=100), ["cap_per_copy"]),
        (FeeRule(amount=8000, unit=FeeUnit.PAGE, cap_per_copy=0), ["cap_per_copy"]),
        (FeeRule(amount=8000, unit=FeeUnit.COPY, item_name="văn bản"), ["item_name"]),
        (FeeRule(amount=2000, unit=FeeUnit.PAGE, tiers=(Tier(1, 1000),)), ["tiers"]),
        (FeeRule(amount=2000, unit=FeeUnit.PAGE, tiers=(Tier(5, 1), Tier(3, 1))), ["tiers"]),
        (FeeRule(amount=2000, unit=FeeUnit.PAGE, tiers=(Tier(3, 1), Tier(3, 1))), ["tiers"]),
    ],
)
def test_a_rule_whose_parts_do_not_fit_together_is_refused(rule, problems):
    assert [field for field, _message in rule_problems(rule)] == problems


def test_a_problem_with_the_later_rates_says_which_start_is_wrong():
    rule = FeeRule(amount=2000, unit=FeeUnit.PAGE, tiers=(Tier(1, 1000),))
    assert rule_problems(rule) == [
        ("tiers", "Mỗi mức sau bắt đầu sau mức trước, từ trang thứ 2 trở đi (1 thì không được).")
    ]


@pytest.mark.parametrize(
    ("text", "tiers"),
    [
        ("3: 1000", (Tier(3, 1000),)),
        ("3 = 1.000 đ", (Tier(3, 1000),)),
        ("3:1000\n10: 500", (Tier(3, 1000), Tier(10, 500))),
        ("3: 1000; 10: 500", (Tier(3, 1000), Tier(10, 500))),
        ("", ()),
        ("\n  \n", ()),
    ],
)
def test_later_rates_are_typed_one_per_line(text, tiers):
    assert parse_tiers(text) == tiers
    assert parse_tiers(tiers_text(tiers)) == tiers


@pytest.mark.parametrize("text", ["từ trang 3", "3: -1000", "3: 1,5", "ba: 1000"])
def test_later_rates_that_cannot_be_read_say_which_line(text):
    with pytest.raises(ValueError, match="Dòng 1"):
        parse_tiers(text)
