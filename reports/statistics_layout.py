"""The statistics report as provinces lay it out: the column headings in two rows (groups,
then columns), in Vietnamese whatever the interface language, shared by the page, the Excel
workbook and the PDF."""

from reports.statistics import StatRow

TITLE = "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính"

# (group heading, [(column key or property, heading)]); a group of one column spans two rows.
HEADINGS = (
    ("Kỳ trước chuyển qua", [("carried_over", "")]),
    (
        "Tiếp nhận mới trong kỳ",
        [
            ("received_counter", "Trực tiếp"),
            ("received_online_full", "Trực tuyến toàn trình"),
            ("received_online_partial", "Trực tuyến một phần"),
            ("received_post", "Bưu chính công ích"),
        ],
    ),
    (
        "Đã giải quyết",
        [
            ("resolved_early", "Trước hạn"),
            ("resolved_on_time", "Đúng hạn"),
            ("resolved_late", "Quá hạn"),
        ],
    ),
    ("Đang giải quyết", [("pending_within", "Trong hạn"), ("pending_late", "Quá hạn")]),
    ("Rút hồ sơ", [("withdrawn", "")]),
    ("Dừng giải quyết", [("stopped", "")]),
    ("Từ chối tiếp nhận", [("refused", "")]),
    ("Văn bản xin lỗi", [("apologies", "")]),
    ("Tỷ lệ trước hạn, đúng hạn (%)", [("on_time_share", "")]),
)
VALUE_KEYS = tuple(key for _group, columns in HEADINGS for key, _heading in columns)

# Breakdowns: (sheet name, label heading, attribute(s) naming the row, Statistics property).
BREAKDOWNS = (
    ("Theo cơ quan", "Cơ quan", "by_agency"),
    ("Theo lĩnh vực", "Lĩnh vực", "by_field"),
    ("Theo thủ tục", "Thủ tục hành chính", "by_procedure"),
)


def row_label(row: StatRow, breakdown: str) -> str:
    if breakdown == "by_agency":
        return row.agency
    if breakdown == "by_field":
        return row.field or "—"
    return f"{row.procedure_code} – {row.procedure}"


def row_values(row: StatRow) -> list:
    values = []
    for key in VALUE_KEYS:
        value = getattr(row, key)
        values.append("" if value is None else value)
    return values


def share_text(value) -> str:
    """A percentage as Vietnamese write it: 81,82."""
    if value is None or value == "":
        return "–"
    return f"{value:.2f}".replace(".", ",")
