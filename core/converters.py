"""URL converters that refuse what the database cannot hold, so a bad URL is a 404, not a 500."""


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
