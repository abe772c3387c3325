"""Dossier codes (Decree 118 art. 28): <agency code>-<yymmdd>-<sequence>, and the check value
that goes with a code on the receipt."""

import secrets
from datetime import date


def dossier_code(*, agency_code: str, day: date, sequence: int, separator: str = "-") -> str:
    """'000.00.17.H01', 2026-02-13, 1 → '000.00.17.H01-260213-0001'. Sequences above 9999 widen
    rather than wrap, so a code is never given twice."""
    if sequence < 1:
        raise ValueError("Sequence numbers start at 1.")
    return separator.join([agency_code, f"{day:%y%m%d}", f"{sequence:04d}"])


# The lookup check value: printed on the receipt beside the code and carried in its QR link, it
# proves that whoever looks a dossier up holds the receipt (codes are sequential, so guessable).
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G: nothing a citizen can misread when typing it from paper.
CHECK_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
CHECK_LENGTH = 6


def new_check_value() -> str:
    """Six characters from CHECK_ALPHABET, drawn with `secrets` (23**6 ≈ 148 million values)."""
    return "".join(secrets.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))
