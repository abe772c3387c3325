"""Reading the CCCD QR code: tables of real, broken and hostile scans, and property tests."""

import string
from datetime import date

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from citizens.cccd import FEMALE, MALE, CardData, CardError, parse_card

TODAY = date(2026, 3, 2)
ID = "001090012345"  # a made-up number in the card's format
VALID = (
    f"{ID}|012345678|Nguyễn Văn An|15031990|Nam|Thôn Đông, Xã An Khánh, Hoài Đức, Hà Nội|20042021"
)


def qr_text(card: CardData) -> str:
    """The text a scanner types for a card, as the card prints it."""
    return "|".join(
        [
            card.id_number,
            card.old_id_number,
            card.full_name,
            card.birth_date.strftime("%d%m%Y"),
            card.gender,
            card.address,
            card.issued_on.strftime("%d%m%Y"),
        ]
    )


def parse(text: str) -> CardData:
    return parse_card(text, today=TODAY)


def test_a_card_scan_gives_every_field():
    card = parse(VALID)
    assert card == CardData(
        id_number=ID,
        old_id_number="012345678",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 3, 15),
        gender=MALE,
        address="Thôn Đông, Xã An Khánh, Hoài Đức, Hà Nội",
        issued_on=date(2021, 4, 20),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(VALID + "\r\n", {}, id="scanner types Enter after the code"),
        pytest.param(VALID + "\n", {}, id="scanner types a bare line feed"),
        pytest.param("\ufeff" + VALID, {}, id="byte-order mark before the code"),
        pytest.param(VALID + "|01012040|extra", {}, id="newer card with extra fields"),
        pytest.param(VALID + "|", {}, id="trailing empty field"),
        pytest.param(
            VALID.replace("|012345678|", "||"), {"old_id_number": ""}, id="no old ID number"
        ),
        pytest.param(
            VALID.replace("|012345678|", "|031234567891|"),
            {"old_id_number": "031234567891"},
            id="12-digit old ID card",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An|15031990|Nam", "Trần Thị Bình|15031990|Nữ"),
            {"full_name": "Trần Thị Bình", "gender": FEMALE},
            id="woman",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An|15031990|Nam", "Trần Thị Bình|15031990|Nữ").replace(
                "Nữ", "Nu\u031b\u0303"
            ),
            {"gender": FEMALE},
            id="gender in decomposed Unicode (NFD)",
        ),
        pytest.param(VALID.replace("|Nam|", "|NAM|"), {"gender": MALE}, id="gender upper case"),
        pytest.param(VALID.replace("|Nam|", "|nữ|"), {"gender": FEMALE}, id="gender lower case"),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "Nguye\u0302\u0303n Va\u0306n An"),
            {"full_name": "Nguyễn Văn An"},
            id="name in decomposed Unicode becomes NFC",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "  Nguyễn   Văn An "),
            {"full_name": "Nguyễn Văn An"},
            id="stray spaces in the name",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "H'Hen Niê"),
            {"full_name": "H'Hen Niê"},
            id="ethnic minority name with an apostrophe",
        ),
        pytest.param(
            VALID.replace("20042021", "02032026"),
            {"issued_on": TODAY},
            id="card issued today",
        ),
        pytest.param(
            VALID.replace("15031990", "29022000"),
            {"birth_date": date(2000, 2, 29)},
            id="born on a leap day",
        ),
        pytest.param(
            VALID.replace("Thôn Đông, Xã An Khánh, Hoài Đức, Hà Nội", "<b>Số 5</b>; DROP TABLE"),
            {"address": "<b>Số 5</b>; DROP TABLE"},
            id="markup in the address is kept as text, escaped where shown",
        ),
        pytest.param(
            VALID.replace("Thôn Đông, Xã An Khánh, Hoài Đức, Hà Nội", ""),
            {"address": ""},
            id="no address",
        ),
    ],
)
def test_a_scan_the_card_could_produce_is_read(text, expected):
    card = parse(text)
    assert card.id_number == ID
    for name, value in expected.items():
        assert getattr(card, name) == value


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        pytest.param("", "empty", id="nothing scanned"),
        pytest.param("\r\n", "empty", id="only Enter"),
        pytest.param("   ", "empty", id="only spaces"),
        pytest.param(
            f"{ID}|012345678|Nguyễn Văn An|15031990|Nam",
            "(7 fields needed, 5 read)",
            id="five fields",
        ),
        pytest.param(ID, "(7 fields needed, 1 read)", id="only the ID number"),
        pytest.param("||||||", "not 12 digits", id="only pipes"),
        pytest.param("|" * 500, "not 12 digits", id="500 pipes"),
        pytest.param(VALID.replace(ID, "00109001234"), "not 12 digits", id="11-digit ID"),
        pytest.param(VALID.replace(ID, "0010900123456"), "not 12 digits", id="13-digit ID"),
        pytest.param(VALID.replace(ID, "00109001234A"), "not 12 digits", id="letter in the ID"),
        pytest.param(
            VALID.replace(ID, "００１０９００１２３４５"), "not 12 digits", id="full-width digits"
        ),
        pytest.param(VALID.replace(ID, "٠٠١٠٩٠٠١٢٣٤٥"), "not 12 digits", id="Arabic-Indic digits"),
        pytest.param(
            VALID.replace("|012345678|", "|01234567|"), "old ID number", id="8-digit old ID"
        ),
        pytest.param(
            VALID.replace("|012345678|", "|' OR 1=1 --|"), "old ID number", id="SQL in old ID"
        ),
        pytest.param(VALID.replace("Nguyễn Văn An", ""), "no full name", id="empty name"),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "<script>alert(1)</script>"),
            "characters a name cannot have",
            id="script tag as the name",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "Nguyễn Văn An 😀"),
            "characters a name cannot have",
            id="emoji in the name",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "Robert'); DROP TABLE citizens;--"),
            "characters a name cannot have",
            id="SQL in the name",
        ),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "A" * 151), "longer than 150", id="151-letter name"
        ),
        pytest.param(VALID.replace("15031990", "31022000"), "date of birth", id="31 February"),
        pytest.param(VALID.replace("15031990", "29021900"), "date of birth", id="29 Feb 1900"),
        pytest.param(VALID.replace("15031990", "00001990"), "date of birth", id="year only"),
        pytest.param(VALID.replace("15031990", "15/03/1990"), "date of birth", id="slashes"),
        pytest.param(VALID.replace("15031990", "1503199"), "date of birth", id="7-digit date"),
        pytest.param(VALID.replace("15031990", "03032026"), "date of birth", id="born tomorrow"),
        pytest.param(VALID.replace("15031990", "01011850"), "date of birth", id="born in 1850"),
        pytest.param(VALID.replace("20042021", "32012021"), "issue date", id="32 January"),
        pytest.param(VALID.replace("20042021", "03032026"), "in the future", id="issued tomorrow"),
        pytest.param(
            VALID.replace("20042021", "01011980"),
            "before the date of birth",
            id="issued before birth",
        ),
        pytest.param(
            VALID.replace("|Nam|", "|Male|"), "neither “Nam” nor “Nữ”", id="English gender"
        ),
        pytest.param(VALID.replace("|Nam|", "||"), "neither “Nam” nor “Nữ”", id="no gender"),
        pytest.param(VALID.replace("Thôn Đông", "x" * 600), "address", id="600-character address"),
        pytest.param(VALID.replace("Nguyễn", "Nguy\x00ễn"), "control characters", id="NUL"),
        pytest.param(VALID.replace("Thôn", "Th\tôn"), "control characters", id="tab"),
        pytest.param(VALID.replace("\n", "") + "\n" + VALID, "control characters", id="two scans"),
        pytest.param(
            VALID.replace("Nguyễn Văn An", "\u202eNguyễn Văn An"),
            "control characters",
            id="right-to-left override",
        ),
        pytest.param(
            VALID.replace("Nguyễn", "Ngu\u200byễn"), "control characters", id="zero-width space"
        ),
        pytest.param(
            VALID.replace("Thôn", "Th\u2028ôn"), "control characters", id="line separator"
        ),
        pytest.param("9" * 10_000, "too long", id="10,000 characters"),
        pytest.param(VALID + "|" + "x" * 1000, "too long", id="extra fields past the limit"),
    ],
)
def test_a_scan_that_is_not_a_card_says_what_to_do(text, complaint):
    # The msgids, so the table reads the same whatever the test language.
    with translation.override("en"), pytest.raises(CardError) as error:
        parse(text)
    message = str(error.value)
    assert complaint in message
    assert any(advice in message for advice in ("Scan", "type", "Check"))


@pytest.mark.parametrize(
    "text",
    [
        VALID.replace(ID, "00109001234A"),
        VALID.replace("15031990", "001090012345"),  # fields shifted: an ID where a date goes
        VALID.replace("|Nam|", f"|{ID}|"),
        f"{ID}|{ID}|{ID}",
        VALID + "\x00",
    ],
)
def test_an_error_message_never_repeats_what_was_scanned(text):
    with pytest.raises(CardError) as error:
        parse(text)
    assert "0010900" not in str(error.value)


def test_errors_are_translated_for_the_officer():
    with translation.override("vi"), pytest.raises(CardError) as error:
        parse(f"{ID}|012345678|Nguyễn Văn An|15031990|Nam")
    assert str(error.value) == (
        "Mã QR không đủ thông tin (cần 7 trường, đọc được 5). Hãy quét lại hoặc nhập tay."
    )


def test_the_repr_of_a_card_leaves_the_numbers_out():
    assert "0010900" not in repr(parse(VALID))
    assert "012345678" not in repr(parse(VALID))


# --- Properties ------------------------------------------------------------------------------

pieces = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["|", "Nam", "Nữ", "\r\n", ID, "15031990", "31022000", "\x00", "\u202e"]),
    st.text(alphabet=string.digits, min_size=8, max_size=12),
)


@given(st.lists(pieces, max_size=12).map("".join))
def test_any_text_is_either_a_card_or_a_card_error(text):
    try:
        card = parse(text)
    except CardError as error:
        assert str(error)
    else:
        assert len(card.id_number) == 12


@given(st.text())
def test_any_unicode_text_is_either_a_card_or_a_card_error(text):
    try:
        card = parse(text)
    except CardError as error:
        assert str(error)
    else:
        assert card.full_name


vietnamese_words = st.lists(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
        "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY",
        min_size=1,
        max_size=8,
    ),
    min_size=1,
    max_size=5,
).map(" ".join)


@st.composite
def cards(draw) -> CardData:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    return CardData(
        id_number=draw(st.text(alphabet=string.digits, min_size=12, max_size=12)),
        old_id_number=draw(
            st.one_of(
                st.just(""),
                st.text(alphabet=string.digits, min_size=9, max_size=9),
                st.text(alphabet=string.digits, min_size=12, max_size=12),
            )
        ),
        full_name=draw(vietnamese_words),
        birth_date=birth,
        gender=draw(st.sampled_from([MALE, FEMALE])),
        address=draw(
            st.one_of(
                st.just(""),
                st.lists(vietnamese_words, min_size=1, max_size=4).map(", ".join),
            )
        ),
        issued_on=draw(st.dates(min_value=birth, max_value=TODAY)),
    )


@given(cards())
def test_a_valid_card_reads_back_as_itself(card):
    assert parse(qr_text(card)) == card
    assert parse(qr_text(card) + "|extra|fields\r\n") == card
