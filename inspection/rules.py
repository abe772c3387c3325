"""The inspection checklist shipped with MotCua, built from the seeds (Phú Hài's and Tiến
Thành's inspection teams), and the checks MotCua can compute from its own records."""

from django.utils.translation import gettext_lazy as _

LATE_WITHOUT_APOLOGY = "late_without_apology"
OVERDUE_DISCLOSURES = "overdue_disclosures"
FEES_ABOVE_PUBLISHED = "fees_above_published"
EVIDENCE_CHOICES = [
    (LATE_WITHOUT_APOLOGY, _("late dossiers without an apology letter")),
    (OVERDUE_DISCLOSURES, _("disclosures past their due day")),
    (FEES_ABOVE_PUBLISHED, _("fees charged above the published rule")),
]

SEED_CHECKLIST_NAME = "Kiểm tra công tác CCHC tại Bộ phận một cửa"
# (what is checked, how to check it, computed evidence). Wording as the seeds' inspection
# plans print it: it is data, edited by the team in the admin, not interface text.
SEED_CHECKLIST = [
    (
        "Bảng niêm yết thủ tục hành chính đầy đủ, đúng, còn hiệu lực",
        "Đối chiếu bảng niêm yết với danh mục TTHC đang công bố; kiểm tra các nội dung phải "
        "công khai đã niêm yết đúng hạn.",
        OVERDUE_DISCLOSURES,
    ),
    (
        "Có đủ mẫu đơn, tờ khai kèm hướng dẫn cách điền",
        "Kiểm tra tại quầy: mỗi thủ tục có mẫu đơn, tờ khai và mẫu điền sẵn cho người dân.",
        "",
    ),
    (
        "Có văn bản xin lỗi cho mọi hồ sơ trễ hạn",
        "Đối chiếu sổ theo dõi hồ sơ: hồ sơ quá hạn phải có phiếu xin lỗi và hẹn lại ngày trả.",
        LATE_WITHOUT_APOLOGY,
    ),
    (
        "Không thu phí, lệ phí ngoài mức đã công khai",
        "Đối chiếu biên lai, sổ thu với mức phí, lệ phí đã niêm yết; hỏi người dân tại quầy.",
        FEES_ABOVE_PUBLISHED,
    ),
    (
        "Tác phong, thái độ, văn hóa giao tiếp của cán bộ, công chức",
        "Quan sát tại quầy; đeo thẻ công chức; không gây phiền hà, sách nhiễu.",
        "",
    ),
    (
        "Các mô hình CCHC đang vận hành",
        "Kiểm tra các mô hình đã đăng ký (hỗ trợ người cao tuổi, trả kết quả qua bưu điện, "
        "hướng dẫn nộp hồ sơ trực tuyến…) có hoạt động thực tế và có sổ ghi chép.",
        "",
    ),
]


def evidence_sentence(key: str, count: int, samples: list[str]) -> str:
    """The evidence line printed beside an item, in Vietnamese like the report it goes into."""
    if key == LATE_WITHOUT_APOLOGY:
        if not count:
            return "Không có hồ sơ quá hạn thiếu văn bản xin lỗi."
        text = f"{count} hồ sơ quá hạn chưa có văn bản xin lỗi"
    elif key == OVERDUE_DISCLOSURES:
        if not count:
            return "Không có nội dung công khai quá hạn."
        text = f"{count} nội dung phải công khai đã quá hạn mà chưa công khai"
    elif key == FEES_ABOVE_PUBLISHED:
        if not count:
            return "Không có khoản thu cao hơn mức phí, lệ phí đã công khai."
        more = "…" if count > len(samples) else ""
        return (
            f"{count} khoản thu cao hơn mức phí, lệ phí tính theo quy định (hồ sơ "
            f"{', '.join(samples)}{more}); xem lý do điều chỉnh."
        )
    else:
        return ""
    return f"{text}: {', '.join(samples)}{'…' if count > len(samples) else ''}."
