"""The prescribed Vietnamese wording and formats of the official forms (Decree 30/2020,
Circular 03/2025) for dossiers: form titles and symbols, step names, the time limit in words.
Dates and places are in core.wording."""

from catalog.models import Channel
from core.workdays import Timeliness
from dossiers.workflow import Action

TITLES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Thông báo dừng giải quyết hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "07": "Sổ theo dõi hồ sơ",
}
# The symbol after the dossier code on the "Số:" line.
SYMBOLS = {"01": "PTN", "02": "PBS", "03": "PTC", "04": "PXL", "05": "TBD", "06": "PKS"}

# What each step was, in the words of the process control sheet and the register.
STEP_WORDS = {
    "receive": "Tiếp nhận hồ sơ",
    Action.ACCEPT: "Tiếp nhận hồ sơ trực tuyến",
    Action.REFUSE: "Từ chối tiếp nhận",
    Action.ASSIGN: "Chuyển xử lý",
    Action.TRANSFER: "Chuyển liên thông",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    Action.SUPPLEMENT_RECEIVED: "Nhận hồ sơ bổ sung",
    Action.CLOSE_UNSUPPLEMENTED: "Dừng giải quyết: không bổ sung hồ sơ",
    Action.REQUEST_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Action.PAYMENT_RECEIVED: "Đã thực hiện nghĩa vụ tài chính",
    Action.PROPOSE: "Trình phê duyệt",
    Action.APPROVE: "Phê duyệt, ký kết quả",
    Action.REJECT: "Trả lại để xử lý lại",
    Action.APOLOGISE: "Xin lỗi, hẹn lại ngày trả kết quả",
    Action.STOP: "Dừng giải quyết hồ sơ",
    Action.WITHDRAW: "Rút hồ sơ theo yêu cầu",
    Action.RETURN_RESULT: "Trả kết quả",
}
TIMELINESS_WORDS = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
}


def term_words(dossier) -> str:
    """The time limit of the dossier's channel: '3 ngày làm việc', 'Trong ngày'."""
    terms = {term.channel: term for term in dossier.procedure_version.channels.all()}
    term = terms.get(dossier.channel) or terms.get(Channel.DIRECT)
    if term is None:
        return ""
    if term.term_value is None:
        return term.term_text
    if term.term_value == 0 and term.term_unit == "d":
        return "Trong ngày"
    unit = "ngày làm việc" if term.term_unit == "d" else "giờ làm việc"
    return f"{term.term_value} {unit}"
