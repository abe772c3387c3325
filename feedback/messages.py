"""What the person who sent feedback is told, by SMS and e-mail (notifications app).

Written in Vietnamese on purpose: they go to citizens whatever the officer's UI language. SMS
texts are unaccented so they fit a GSM message on every phone; e-mails keep the diacritics."""

from core.text import strip_marks
from notifications.models import Channel
from notifications.services import notification_send

LOOKUP_PATH = "/phan-anh-kien-nghi/tra-cuu/?ma={code}"

TEXTS = {
    "register": (
        "{agency} đã tiếp nhận phản ánh, kiến nghị của ông/bà, mã {code}. "
        "Theo dõi tại " + LOOKUP_PATH + "."
    ),
    "reject": "Phản ánh, kiến nghị {code} không được tiếp nhận xử lý. Lý do: {note}",
    "redirect": "Phản ánh {code} được chuyển xử lý theo thủ tục khiếu nại, tố cáo: {note}",
    "forward": "Phản ánh, kiến nghị {code} đã được chuyển đến {forwarded_to}. {note}",
    "answer": "{agency} đã trả lời phản ánh, kiến nghị {code}: {note}",
    "publish": "Câu trả lời cho phản ánh, kiến nghị {code} đã được công khai. Xem tại "
    + LOOKUP_PATH
    + ".",
}
SMS_MAX = 320  # two concatenated GSM messages


def tell_sender(item, *, what: str, note: str = "") -> None:
    """Queue the message about `what` to the phone and the e-mail the person gave (either may be
    empty); sent by the worker once the caller's transaction commits."""
    text = TEXTS[what].format(
        agency=item.agency.name,
        code=item.code,
        note=note.strip(),
        forwarded_to=item.forwarded_to,
    )
    if item.sender_phone:
        sms = strip_marks(text)
        if len(sms) > SMS_MAX:
            sms = sms[: SMS_MAX - 40].rstrip() + "... Xem: " + LOOKUP_PATH.format(code=item.code)
        notification_send(
            channel=Channel.SMS,
            to=item.sender_phone,
            body=sms,
            agency_code=item.agency.code,
            about=item,
        )
    if item.sender_email:
        notification_send(
            channel=Channel.EMAIL,
            to=item.sender_email,
            subject=f"Phản ánh, kiến nghị {item.code}",
            body=text,
            agency_code=item.agency.code,
            about=item,
        )
