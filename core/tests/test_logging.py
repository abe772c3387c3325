"""R17: log lines never carry ID numbers or phone numbers."""

import logging

import pytest

from core.logging import RedactPersonalDataFilter, redact


@pytest.mark.parametrize(
    "text,hidden",
    [
        ("CCCD 001090012345 đã quét", "001090012345"),
        ("CMND cũ 123456789", "123456789"),
        ("gọi 0912345678", "0912345678"),
        ("gọi +84 912 345 678", "912 345 678"),
        ("mã số thuế 0101234567", "0101234567"),
    ],
)
def test_personal_numbers_are_masked(text, hidden):
    assert hidden not in redact(text)
    assert "[đã ẩn]" in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22 21:59:30 GET /can-bo/ 200",
        "hồ sơ 000.00.17.H01-260213-0001 từ 192.168.100.200",
        "8 chữ số 12345678 không phải số định danh",
    ],
)
def test_dates_codes_and_addresses_stay_readable(text):
    assert redact(text) == text


def test_the_filter_masks_arguments_and_tracebacks(caplog):
    logger = logging.getLogger("motcua.test")
    handler_filter = RedactPersonalDataFilter()
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    handler.addFilter(handler_filter)
    logger.addHandler(handler)
    try:
        logger.warning("scan failed for %s", "001090012345")
        try:
            raise ValueError("bad phone 0912345678")
        except ValueError:
            logger.exception("while saving")
    finally:
        logger.removeHandler(handler)
    joined = "\n".join(records)
    assert "001090012345" not in joined
    assert "0912345678" not in joined
    assert "ValueError" in joined
