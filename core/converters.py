"""URL converters that refuse what the database cannot hold, so a bad URL is a 404, not a 500."""

import re


class IdConverter:
    """A primary key: at most 18 digits (fits a 64-bit integer on every engine)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class CodeConverter:
    """An agency or dossier code: letters, digits, dots and dashes only."""

    regex = "[0-9A-Za-z][0-9A-Za-z.\\-]{0,79}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


_ID = re.compile(IdConverter.regex)


def id_from(value) -> int | None:
    """A primary key sent as text (a query parameter, a hidden field), or None when it is not
    one: only what IdConverter accepts, so "²", "١٢", 5,000 digits or 2**80 never reach
    `int()` or the database."""
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if _ID.fullmatch(text) else None
