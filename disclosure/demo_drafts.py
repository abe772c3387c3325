"""Demo drafts for public comment: in each demo commune one draft open for comment (a comment
shown and answered, one waiting for moderation) and one closed with its summary published."""

from datetime import timedelta

from django.db import transaction

from disclosure import drafts, selectors
from disclosure.models import Decision, Draft
from org.demo import COMMUNES
from org.models import Agency, User

OPEN_BODY = """Điều 1. Phạm vi
Quy chế này quy định việc tiếp nhận, giải quyết thủ tục hành chính theo cơ chế một cửa tại xã.
Điều 2. Thời gian làm việc
Bộ phận một cửa làm việc từ thứ Hai đến sáng thứ Bảy.
Điều 3. Hỗ trợ người cao tuổi, người khuyết tật
Công chức đến tận nhà tiếp nhận hồ sơ khi người dân có yêu cầu."""


@transaction.atomic
def drafts_seed() -> int:
    today = selectors.today()
    added = 0
    for commune in COMMUNES:
        committee = Agency.objects.get(code=f"000.00.{commune.code_part}.H01")
        if Draft.objects.filter(agency=committee).exists():
            continue
        author = User.objects.get(username=f"{commune.slug}.chuyenvien")
        open_draft = drafts.draft_create(
            actor=author,
            agency=committee,
            title="Dự thảo Quy chế làm việc của Bộ phận một cửa năm 2026",
            summary="Quy định giờ làm việc, việc làm thêm sáng thứ Bảy và hỗ trợ tại nhà cho "
            "người cao tuổi, người khuyết tật. Mời bà con góp ý.",
            body=OPEN_BODY,
            opens_on=today - timedelta(days=3),
            closes_on=today + timedelta(days=27),
        )
        drafts.draft_publish(
            actor=author, draft=open_draft, day=today - timedelta(days=3), version=1
        )
        shown = drafts.comment_submit(
            draft=open_draft,
            day=today - timedelta(days=2),
            author_name="Bác Trần Văn Hải",
            section="Điều 2",
            body="Đề nghị làm việc cả sáng Chủ nhật để người đi làm xa có thể nộp hồ sơ.",
        )
        drafts.comment_moderate(actor=author, comment=shown, show=True)
        shown.refresh_from_db()
        drafts.comment_answer(
            actor=author,
            comment=shown,
            reply="Cảm ơn bác. UBND xã sẽ xem xét bố trí trực sáng Chủ nhật luân phiên.",
            decision=Decision.PARTLY,
            explanation="Bổ sung trực sáng Chủ nhật tuần đầu tiên của tháng; chưa đủ biên chế để "
            "trực mọi Chủ nhật.",
        )
        drafts.comment_submit(
            draft=open_draft,
            day=today - timedelta(days=1),
            body="Nên có chỗ để xe cho người đến làm thủ tục.",
        )
        closed = drafts.draft_create(
            actor=author,
            agency=committee,
            title="Dự thảo Kế hoạch cải cách hành chính năm 2026",
            summary="Các nhiệm vụ cải cách hành chính của xã trong năm 2026.",
            body="I. Mục đích, yêu cầu\nII. Nhiệm vụ\nIII. Tổ chức thực hiện",
            opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=30),
        )
        drafts.draft_publish(actor=author, draft=closed, day=today - timedelta(days=60), version=1)
        for n, (text, decision, why) in enumerate(
            [
                (
                    "Bổ sung nhiệm vụ số hóa hồ sơ đất đai.",
                    Decision.ACCEPTED,
                    "Đã bổ sung mục II.4.",
                ),
                (
                    "Đề nghị bỏ thu phí sao y bản chính.",
                    Decision.NOT_ACCEPTED,
                    "Mức phí do Hội đồng nhân dân tỉnh quyết định, không thuộc thẩm quyền của xã.",
                ),
            ]
        ):
            comment = drafts.comment_submit(
                draft=closed, day=today - timedelta(days=50 - n), body=text
            )
            drafts.comment_moderate(actor=author, comment=comment, show=True)
            comment.refresh_from_db()
            drafts.comment_answer(
                actor=author, comment=comment, reply="", decision=decision, explanation=why
            )
        closed.refresh_from_db(fields=["version"])
        drafts.summary_publish(
            actor=author,
            draft=closed,
            intro="UBND xã nhận được 02 ý kiến; tiếp thu 01 ý kiến, giải trình 01 ý kiến.",
            day=today - timedelta(days=25),
            version=closed.version,
        )
        added += 2
    return added
