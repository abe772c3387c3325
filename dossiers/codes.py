"""Dossier codes (Decree 118 art. 28): <agency code>-<yymmdd>-<sequence>."""

from datetime import date


def dossier_code(*, agency_code: str, day: date, sequence: int, separator: str = "-") -> str:
    """'000.00.17.H01', 2026-02-13, 1 → '000.00.17.H01-260213-0001'. Sequences above 9999 widen
    rather than wrap, so a code is never given twice."""
    if sequence < 1:
        raise ValueError("Sequence numbers start at 1.")
    return separator.join([agency_code, f"{day:%y%m%d}", f"{sequence:04d}"])
