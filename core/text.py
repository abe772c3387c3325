"""Text normalisation for search that ignores Vietnamese diacritics and case."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """'ĐĂNG KÝ  Khai sinh' → 'dang ky khai sinh': no marks, lower case, single spaces.

    Đ/đ is a separate letter, not a D with a combining mark, so NFD alone leaves it: map it.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", bare.lower()).strip()


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a query, at most `limit` of them (a pasted paragraph is not a query)."""
    return [term for term in fold(query).split(" ") if term][:limit]


def strip_marks(text: str) -> str:
    """'Hồ sơ Đã nhận' → 'Ho so Da nhan': diacritics removed, case kept (for SMS)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
