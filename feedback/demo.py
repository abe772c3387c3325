"""Demo feedback for the first demo commune: one answer published, one being handled and late,
one waiting to be forwarded, one just sent from the web form. Idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.actors import Actor
from feedback.models import Channel, FeedbackItem, Kind
from feedback.services import Move, Submission, feedback_register, feedback_transition
from feedback.workflow import Action
from org.demo import COMMUNES
from org.models import Agency, User


def _move(item, actor, action, now, **extra):
    item.refresh_from_db()
    return feedback_transition(
        item_id=item.pk,
        move=Move(action=action, expected_version=item.version, **extra),
        actor=actor,
        now=now,
    )


@transaction.atomic
def feedback_seed() -> int:
    commune = COMMUNES[0]
    committee = Agency.objects.get(code=f"000.00.{commune.code_part}.H01")
    if FeedbackItem.objects.filter(agency=committee).exists():
        return 0
    counter = User.objects.get(username=f"{commune.slug}.tiepnhan")
    specialist = User.objects.get(username=f"{commune.slug}.chuyenvien")
    leader = User.objects.get(username=f"{commune.slug}.lanhdao")
    now = timezone.now()

    def sent(days_ago, **fields):
        values = {
            "agency": committee,
            "channel": Channel.WEB,
            "kind": Kind.REPORT,
            "sender_name": "Nguyễn Văn Bình",
            "sender_phone": "0912000111",
            "subject": "",
            "content": "",
        }
        values.update(fields)
        actor = Actor.applicant() if values["channel"] == Channel.WEB else counter
        return feedback_register(
            submission=Submission(**values), actor=actor, now=now - timedelta(days=days_ago)
        )

    answered = sent(
        20,
        subject="Giấy hẹn ghi sai ngày trả kết quả",
        content="Tôi nộp hồ sơ đăng ký khai sinh, giấy hẹn ghi ngày trả là Chủ nhật. "
        "Đề nghị kiểm tra lại cách tính ngày hẹn.",
    )
    _move(answered, counter, Action.ACCEPT, now - timedelta(days=19))
    _move(answered, leader, Action.ASSIGN, now - timedelta(days=19), assignee=specialist)
    answer = (
        "Ngày hẹn được tính theo ngày làm việc, không tính thứ Bảy, Chủ nhật và ngày lễ. "
        "Giấy hẹn đã được sửa và gửi lại cho ông; cơ quan xin lỗi vì sai sót."
    )
    _move(answered, specialist, Action.ANSWER, now - timedelta(days=15), note=answer)
    _move(
        answered,
        leader,
        Action.PUBLISH,
        now - timedelta(days=14),
        public_question="Giấy hẹn trả kết quả ghi ngày Chủ nhật. Đề nghị kiểm tra cách tính "
        "ngày hẹn.",
        public_answer=answer,
    )

    late = sent(
        25,
        channel=Channel.HOTLINE,
        kind=Kind.RECOMMENDATION,
        sender_phone="",
        subject="Đề nghị bố trí thêm ghế chờ tại Trung tâm",
        content="Buổi sáng thứ Hai người dân phải đứng chờ lâu; đề nghị bố trí thêm ghế.",
    )
    _move(late, counter, Action.ACCEPT, now - timedelta(days=24))
    _move(late, leader, Action.ASSIGN, now - timedelta(days=24), assignee=specialist)

    outside = sent(
        2,
        subject="Phản ánh về cấp giấy phép lái xe",
        content="Thủ tục đổi giấy phép lái xe kéo dài.",
    )
    _move(outside, counter, Action.DECLARE_OUTSIDE, now - timedelta(days=1))

    sent(0, subject="Niêm yết thủ tục chứng thực chưa đủ", content="Bảng niêm yết thiếu mức phí.")
    return 4
