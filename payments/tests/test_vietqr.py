"""VietQR payloads: the CRC, payloads real banking apps produce, and what we build."""

import pytest

from payments.vietqr import VietQRError, crc16, parse, payload

# Payloads as Vietnamese banks and payment services print them (static and dynamic, with and
# without a description), each ending in its CRC: our CRC must agree with every one.
PRINTED = [
    "00020101021138540010A00000072701240006970422011009119673630208QRIBFTTA53037045802VN63046AD9",
    "00020101021138570010A00000072701270006970405011322082054793800208QRIBFTTA53037045802VN630497A6",
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN"
    "62150811Chuyen tien6304BBB8",
    "00020101021238570010A000000727012700069704220113VQRQABRLS04480208QRIBFTTA5303704540420005802VN"
    "6224082018f8746b181045f0a2ce63040FC0",
]


def test_crc_is_ccitt_false_with_its_standard_check_value():
    assert crc16("123456789") == "29B1"


@pytest.mark.parametrize("printed", PRINTED)
def test_our_crc_matches_payloads_banks_print(printed):
    assert crc16(printed[:-4]) == printed[-4:]
    assert parse(printed)["58"] == "VN"


def test_a_transfer_payload_is_byte_for_byte_what_banking_apps_produce():
    built = payload(bank_bin="970416", account="257678859", amount=1000, purpose="Chuyen tien")
    assert built == PRINTED[2]


def test_the_payload_carries_account_amount_and_reference():
    built = payload(bank_bin="970415", account="113000123456", amount=150_000, purpose="MC7K3P9QX2")
    fields = parse(built)
    assert fields["01"] == "12"  # dynamic: for this payment only
    assert "970415" in fields["38"] and "113000123456" in fields["38"]
    assert fields["54"] == "150000"
    assert fields["62"] == "0810MC7K3P9QX2"


def test_vietnamese_descriptions_are_unaccented():
    built = payload(bank_bin="970415", account="1130", amount=1, purpose="Lệ phí đăng ký")
    assert parse(built)["62"] == "0814Le phi dang ky"


def test_a_changed_character_fails_the_crc():
    tampered = PRINTED[2].replace("1000", "9000")
    with pytest.raises(VietQRError):
        parse(tampered)


@pytest.mark.parametrize(
    "values",
    [{"bank_bin": "97041", "account": "1"}, {"bank_bin": "970415", "account": "12-34"}],
)
def test_bad_bank_or_account_is_refused(values):
    with pytest.raises(VietQRError):
        payload(**values)
