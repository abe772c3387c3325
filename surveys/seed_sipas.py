"""The SIPAS questionnaire as shipped: 5 factors and 22 criteria after Decision 2640/QĐ-BNV
(2017). Criteria not found verbatim in a published source are marked unconfirmed: the current
methodology (Decision 1001/QĐ-BNV of 2023) has not been checked against them."""

from datetime import date

from django.db import transaction

from surveys.models import Criterion, Factor, Questionnaire

# (factor, [(criterion, confirmed)]). Confirmed: quoted verbatim in the ministry's summary.
OFFICIAL = [
    (
        "Tiếp cận dịch vụ",
        [
            ("Nơi ngồi chờ có đủ chỗ ngồi", False),
            ("Trang thiết bị phục vụ người dân đầy đủ", False),
            ("Trang thiết bị phục vụ người dân hiện đại", False),
            ("Trang thiết bị phục vụ người dân dễ sử dụng", False),
        ],
    ),
    (
        "Thủ tục hành chính",
        [
            ("Thủ tục hành chính được niêm yết công khai đầy đủ", True),
            ("Thủ tục hành chính được niêm yết công khai chính xác", False),
            ("Thành phần hồ sơ phải nộp đúng quy định", False),
            ("Phí, lệ phí phải nộp đúng quy định", False),
            ("Thời hạn giải quyết đúng quy định", True),
        ],
    ),
    (
        "Công chức trực tiếp giải quyết công việc",
        [
            ("Công chức có thái độ giao tiếp lịch sự", True),
            ("Công chức chú ý lắng nghe ý kiến của người dân", False),
            ("Công chức trả lời, giải đáp đầy đủ các ý kiến của người dân", True),
            ("Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo", True),
            ("Công chức hướng dẫn kê khai hồ sơ dễ hiểu", False),
            ("Công chức tuân thủ đúng quy định trong giải quyết công việc", True),
        ],
    ),
    (
        "Kết quả cung ứng dịch vụ",
        [
            ("Kết quả đúng quy định", False),
            ("Kết quả có thông tin đầy đủ", False),
            ("Kết quả có thông tin chính xác", False),
        ],
    ),
    (
        "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
        [
            ("Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị", False),
            ("Người dân dễ dàng thực hiện góp ý, phản ánh, kiến nghị", False),
            ("Cơ quan tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị", False),
            ("Cơ quan thông báo kết quả xử lý góp ý, phản ánh, kiến nghị kịp thời", True),
        ],
    ),
]


@transaction.atomic
def sipas_seed() -> Questionnaire:
    """Version 1, created once (idempotent)."""
    questionnaire, created = Questionnaire.objects.get_or_create(
        version=1,
        defaults={
            "name": "Phiếu khảo sát sự hài lòng của người dân (SIPAS)",
            "basis": "Quyết định 2640/QĐ-BNV ngày 10/10/2017 (chưa đối chiếu QĐ 1001/QĐ-BNV)",
            "effective_from": date(2017, 10, 10),
        },
    )
    if created:
        for number, (name, criteria) in enumerate(OFFICIAL, start=1):
            factor = Factor.objects.create(questionnaire=questionnaire, number=number, name=name)
            for index, (text, confirmed) in enumerate(criteria, start=1):
                Criterion.objects.create(
                    factor=factor, number=index, text=text, unconfirmed=not confirmed
                )
    return questionnaire
