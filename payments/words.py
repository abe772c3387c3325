"""An amount of đồng in Vietnamese words, as a receipt writes it under the figures
("một trăm năm mươi nghìn đồng"). A pure function: the receipt, the PDF and the e-receipt
provider all read the same words."""

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
# Groups of three digits, from the right. "tỷ" repeats for larger amounts (nghìn tỷ, triệu tỷ).
_GROUPS = ["", "nghìn", "triệu"]


def _tens_and_units(tens: int, units: int) -> list[str]:
    """Two digits as spoken: mười, mươi; mốt after mươi, lăm after mười/mươi; linh for 0x."""
    words = []
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]]
        return words
    words.append("mười" if tens == 1 else f"{_DIGITS[tens]} mươi")
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _three(number: int, *, full: bool) -> list[str]:
    """0–999. `full`: a group after a larger one reads its zero hundreds ("không trăm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
        words += _tens_and_units(tens, units)
    elif tens:
        words += _tens_and_units(tens, units)
    elif units:
        words.append(_DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        leading = index == len(groups) - 1 and not full
        words += _three(group, full=not leading)
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return words


def number_words(number: int) -> str:
    """A whole number ≥ 0 in words: 150000 → "một trăm năm mươi nghìn"."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ValueError("An amount is a whole number of đồng, 0 or more.")
    if number == 0:
        return "không"
    words: list[str] = []
    billions, rest = divmod(number, 1_000_000_000)
    if billions:
        words += number_words(billions).split() + ["tỷ"]
    if rest:
        words += _below_billion(rest, full=bool(billions))
    return " ".join(words)


def amount_words(amount: int) -> str:
    """ "Một trăm năm mươi nghìn đồng": capitalised, as written on a receipt."""
    text = f"{number_words(amount)} đồng"
    return text[0].upper() + text[1:]
