"""Log filters. R17: application logs never carry ID numbers or phone numbers."""

import logging
import re

# 9- or 12-digit ID numbers (old CMND, CCCD), tax codes and Vietnamese phone numbers
# (0912345678, +84 912 345 678). Any run of 9 or more digits, spaces allowed between groups, is
# masked: a false positive costs a less readable log line, a false negative leaks a citizen's
# number. Dashes and dots stay separators so dates and IP addresses remain readable.
_PERSONAL_NUMBER = re.compile(r"(?<![\d])\+?\d(?: ?\d){8,}(?![\d])")


def redact(text: str) -> str:
    return _PERSONAL_NUMBER.sub("[đã ẩn]", text)


class RedactPersonalDataFilter(logging.Filter):
    """Formats the message once and masks personal numbers in it and in any traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the log line
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None if record.exc_text else record.exc_info
        return True
