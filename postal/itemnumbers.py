"""Postal item numbers in the UPU S10 form (two letters, eight digits, a check digit, the
country: EB123456785VN), which Vietnam Post prints on registered mail and parcels."""

import re

S10 = re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}")
_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """UPU S10: weights 8 6 4 2 3 5 9 7 over the eight digits; 11 minus the sum modulo 11,
    where 10 becomes 0 and 11 becomes 5."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError("An S10 serial number has eight digits.")
    check = 11 - sum(int(d) * w for d, w in zip(serial, _WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def s10_number(prefix: str, serial: int, country: str = "VN") -> str:
    digits = f"{serial % 100_000_000:08d}"
    return f"{prefix}{digits}{s10_check_digit(digits)}{country}"


def normalise_item_number(value: str) -> str:
    """As clerks type it: spaces and dashes dropped, upper case."""
    return re.sub(r"[\s\-.]", "", value or "").upper()


def is_valid_s10(value: str) -> bool:
    if not S10.fullmatch(value):
        return False
    return s10_check_digit(value[2:10]) == int(value[10])
