"""Demo data: each demo commune's administrative reform plan for this year, twelve tasks drawn
from the seeds' plans, some done with evidence, some overdue, and a quarterly review. Idempotent."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from org.demo import COMMUNES
from org.models import Agency, User
from reform import services
from reform.models import Plan

# (content, lead, coordinating places, other bodies, timeline, budget, PAR field, PAPI dimension,
#  expected result); places: committee, centre, section; timeline: "regular", ("q", n),
#  ("days", n from today).
TASKS = [
    (
        "Niêm yết công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận Một cửa và trên trang "
        "thông tin điện tử của xã",
        "centre",
        ["committee"],
        "",
        "regular",
        None,
        3,
        5,
        "Bảng niêm yết đầy đủ, cập nhật",
    ),
    (
        "Rà soát, đề xuất đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của xã",
        "committee",
        ["centre"],
        "",
        ("q", 2),
        None,
        3,
        5,
        "Báo cáo rà soát",
    ),
    (
        'Triển khai mô hình "Công dân không viết": công chức, tình nguyện viên điền tờ khai giúp '
        "người cao tuổi, người khuyết tật",
        "centre",
        [],
        "Hội Liên hiệp Phụ nữ; Đoàn Thanh niên",
        ("q", 1),
        3_000_000,
        8,
        6,
        "Mô hình hoạt động, số người được hỗ trợ",
    ),
    (
        "Gửi thư xin lỗi và hẹn lại ngày trả kết quả đối với 100% hồ sơ trễ hạn",
        "centre",
        ["committee"],
        "",
        "regular",
        None,
        3,
        3,
        "100% hồ sơ trễ hạn có thư xin lỗi",
    ),
    (
        "Hướng dẫn người dân nộp hồ sơ trực tuyến một phần, toàn trình; phấn đấu 80% hồ sơ "
        "trực tuyến",
        "centre",
        ["section"],
        "Đoàn Thanh niên",
        ("days", -20),
        5_000_000,
        7,
        8,
        "Tỷ lệ hồ sơ trực tuyến",
    ),
    (
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        "centre",
        ["committee"],
        "",
        ("q", 3),
        12_000_000,
        7,
        8,
        "Tỷ lệ kết quả được số hóa",
    ),
    (
        "Công khai danh sách hộ nghèo, hộ cận nghèo và kết quả rà soát tại nhà văn hóa thôn",
        "section",
        [],
        "Trưởng các thôn",
        ("q", 4),
        None,
        8,
        2,
        "Biên bản niêm yết",
    ),
    (
        "Công khai dự toán, tình hình thực hiện ngân sách xã và các khoản đóng góp của nhân dân",
        "committee",
        ["section"],
        "",
        ("days", 25),
        None,
        6,
        2,
        "Thông báo công khai",
    ),
    (
        "Khảo sát sự hài lòng của người dân (SIPAS) hằng quý, nhập phiếu giấy thu qua các thôn",
        "centre",
        ["section"],
        "",
        ("q", 4),
        5_000_000,
        8,
        6,
        "Chỉ số hài lòng",
    ),
    (
        "Tuyên truyền cải cách hành chính trên đài truyền thanh xã",
        "section",
        ["committee"],
        "",
        "regular",
        10_000_000,
        1,
        1,
        "Chuyên mục hằng tháng",
    ),
    (
        "Tổ kiểm tra cải cách hành chính kiểm tra Bộ phận Một cửa: niêm yết, thư xin lỗi, phí, "
        "lệ phí, tác phong công chức",
        "committee",
        ["centre"],
        "",
        ("days", 3),
        None,
        1,
        4,
        "Biên bản kiểm tra",
    ),
    (
        "Tiếp nhận, xử lý phản ánh, kiến nghị đúng hạn và công khai kết quả trả lời",
        "centre",
        ["committee"],
        "",
        "regular",
        None,
        3,
        3,
        "100% phản ánh được trả lời đúng hạn",
    ),
]
DONE = {2: 100, 3: 100}
IN_PROGRESS = {5: 60, 6: 40, 1: 50}


def _timeline(spec, today: date) -> dict:
    if spec == "regular":
        return {"timeline_kind": "regular"}
    kind, value = spec
    if kind == "q":
        return {"timeline_kind": "quarter", "quarter": value}
    # Relative to today, so the demo always shows late and soon-due tasks; kept in the plan's year.
    day = today + timedelta(days=value)
    return {
        "timeline_kind": "date",
        "due_on": min(max(day, date(today.year, 1, 2)), date(today.year, 12, 31)),
    }


def _minutes_pdf(title: str) -> SimpleUploadedFile:
    from core.documents import render_pdf

    html = (
        f'<!doctype html><html lang="vi"><head><title>{title}</title></head><body>'
        f'<article class="official"><h1 class="official-title">BIÊN BẢN</h1>'
        f"<p class='official-para'>{title}.</p></article></body></html>"
    )
    return SimpleUploadedFile("bien-ban.pdf", render_pdf(html), content_type="application/pdf")


@transaction.atomic
def reform_seed() -> int:
    """Returns the number of plans added (0 when they are already there)."""
    today = timezone.localdate()
    year = today.year
    added = 0
    for commune in COMMUNES:
        places = {
            "committee": Agency.objects.get(code=f"000.00.{commune.code_part}.H01"),
            "centre": Agency.objects.get(code=f"000.10.{commune.code_part}.H01"),
            "section": Agency.objects.get(code=f"000.20.{commune.code_part}.H01"),
        }
        if Plan.objects.filter(agency=places["committee"], year=year).exists():
            continue
        specialist = User.objects.get(username=f"{commune.slug}.chuyenvien")
        plan = services.plan_create(
            actor=specialist,
            agency=places["committee"],
            number="426/KH-UBND",
            issued_on=date(year, 1, 5),
            year=year,
            title=f"Kế hoạch cải cách hành chính năm {year}",
            implements=f"Kế hoạch số 1604/KH-UBND ngày 20/12/{year - 1} của Ủy ban nhân dân "
            f"thành phố về cải cách hành chính năm {year}",
            purpose=(
                "Nâng cao chất lượng giải quyết thủ tục hành chính, lấy sự hài lòng của người "
                "dân làm thước đo.\nGắn trách nhiệm người đứng đầu từng đơn vị với kết quả "
                "thực hiện nhiệm vụ được giao."
            ),
            signer_title="TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
            signer_name=commune.names["leader"],
        )
        tasks = []
        for content, lead, coordinating, others, timeline, budget, par, papi, result in TASKS:
            tasks.append(
                services.task_add(
                    actor=specialist,
                    plan=plan,
                    content=content,
                    lead_unit=places[lead],
                    coordinating_units=[places[place] for place in coordinating],
                    other_coordinators=others,
                    budget=budget,
                    par_field=par,
                    papi_dimension=papi,
                    expected_result=result,
                    **_timeline(timeline, today),
                )
            )
        for position, percent in {**IN_PROGRESS, **DONE}.items():
            task = tasks[position - 1]
            done = position in DONE
            reported_on = min(today, date(year, 3 * (task.quarter or 4), 15))
            services.progress_report(
                actor=specialist,
                task=task,
                version=task.version,
                reported_on=reported_on,
                status="done" if done else "in_progress",
                percent_done=percent,
                note="Đã triển khai theo kế hoạch; kết quả kèm theo."
                if done
                else "Đang triển khai, đạt một phần chỉ tiêu.",
                uploads=[_minutes_pdf(f"Kết quả thực hiện nhiệm vụ {position}")] if done else [],
            )
        if today >= date(year, 10, 1):
            services.review_record(
                actor=specialist,
                plan=plan,
                quarter=3,
                held_on=date(year, 10, 6),
                chaired_by=f"{commune.names['leader']}, Chủ tịch UBND xã",
                attendees="Lãnh đạo UBND xã; công chức Bộ phận Một cửa; các đơn vị có tên tại "
                "Phụ lục",
                minutes=(
                    "Hội nghị sơ kết quý III đánh giá kết quả thực hiện Kế hoạch: các nhiệm vụ "
                    "thường xuyên được duy trì; nhiệm vụ số hóa hồ sơ chậm tiến độ."
                ),
                conclusions="Trung tâm Phục vụ hành chính công hoàn thành số hóa trong quý IV.",
            )
        added += 1
    return added
