"""The public pages: sending without an account, the honeypot and the limits, the follow-up by
code, and published answers that show nobody's personal data."""

import pytest
from django.urls import reverse

from feedback.models import Channel, FeedbackItem
from feedback.services import Move, feedback_transition
from feedback.tests.conftest import registered
from feedback.workflow import Action, State

pytestmark = pytest.mark.django_db

SEND = "/phan-anh-kien-nghi/gui/"


def form_data(office, **changes) -> dict:
    data = {
        "agency": office.committee_a.pk,
        "kind": "report",
        "subject": "Cán bộ hẹn sai ngày",
        "content": "Tôi nộp hồ sơ khai sinh, giấy hẹn ghi sai ngày trả kết quả.",
        "sender_name": "Trần Thị Bình",
        "sender_phone": "0987 654 321",
        "sender_email": "",
        "website": "",
    }
    data.update(changes)
    return data


def test_a_citizen_sends_feedback_without_an_account_and_gets_a_code(client, office):
    response = client.post(SEND, form_data(office))
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert item.channel == Channel.WEB
    assert item.sender_phone == "0987654321"
    assert item.intake_agency == office.centre_a  # the commune's one-stop counter registers it
    assert response["Location"] == f"{reverse('feedback:follow')}?ma={item.code}&moi=1"
    page = client.get(response["Location"])
    assert item.code in page.content.decode()
    assert "Trần Thị Bình" not in page.content.decode()


def test_a_phone_or_an_email_is_needed_to_answer(client, office):
    response = client.post(SEND, form_data(office, sender_phone=""))
    assert response.status_code == 400
    assert "số điện thoại hoặc địa chỉ thư điện tử" in response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_the_honeypot_refuses_a_bot_with_a_clear_message(client, office):
    response = client.post(SEND, form_data(office, website="http://spam.example"))
    assert response.status_code == 400
    assert "phải để trống" in response.content.decode()
    assert not FeedbackItem.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"content": "x" * 4001}, "4000"),
        ({"subject": "y" * 201}, "200"),
        ({"sender_phone": "12ab"}, "không phải là số điện thoại"),
        ({"dossier_code": "KHONG-CO"}, "Không có hồ sơ nào"),
        ({"agency": "9999999"}, "Hãy chọn"),
    ],
)
def test_oversized_or_malformed_input_gets_a_vietnamese_message(client, office, changes, message):
    response = client.post(SEND, form_data(office, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_sending_is_limited_per_address(client, office, settings):
    settings.FEEDBACK_IP_LIMIT = 2
    settings.FEEDBACK_CONTACT_LIMIT = 100
    for n in range(2):
        assert client.post(SEND, form_data(office, sender_phone=f"091234567{n}")).status_code == 302
    refused = client.post(SEND, form_data(office, sender_phone="0912345679"))
    assert refused.status_code == 429
    assert FeedbackItem.objects.count() == 2


def test_sending_is_limited_per_phone_whatever_the_address(client, office, settings):
    settings.FEEDBACK_IP_LIMIT = 100
    settings.FEEDBACK_CONTACT_LIMIT = 1
    assert client.post(SEND, form_data(office), REMOTE_ADDR="10.0.0.1").status_code == 302
    refused = client.post(SEND, form_data(office), REMOTE_ADDR="10.0.0.2")
    assert refused.status_code == 429
    assert FeedbackItem.objects.count() == 1


def test_the_follow_up_forgives_typing_and_says_nothing_for_an_unknown_code(client, office):
    item = registered(office)
    page = client.get(reverse("feedback:follow"), {"ma": item.code.lower()})
    assert page.status_code == 200 and item.code in page.content.decode()
    missing = client.get(reverse("feedback:follow"), {"ma": "PA-260101-ZZZZZZ"})
    assert "Không tìm thấy" in missing.content.decode()
    assert missing["Cache-Control"].startswith("max-age=0")


def publish(office, item, **changes):
    for who, action, extra in [
        ("alice", Action.ACCEPT, {}),
        ("leo", Action.ASSIGN, {"assignee": office.sophie}),
        ("sophie", Action.ANSWER, {"note": "Ông Nguyễn Văn An (0912 345 678) đã được xin lỗi."}),
        ("leo", Action.PUBLISH, changes),
    ]:
        item.refresh_from_db()
        feedback_transition(
            item_id=item.pk,
            move=Move(action=action, expected_version=item.version, note="Ghi chú", **extra)
            if action != Action.ANSWER
            else Move(action=action, expected_version=item.version, **extra),
            actor=getattr(office, who),
        )
    item.refresh_from_db()
    return item


def test_published_answers_show_no_personal_data_unless_the_person_agreed(client, office):
    from feedback.forms import ActionForm
    from feedback.workflow import edge_for

    item = registered(office)
    item = publish(office, item, public_question="-", public_answer="-")
    # What the leader is offered to publish has already lost the name and numbers.
    item.state = State.ANSWERED
    form = ActionForm(edge_for(Action.PUBLISH, State.ANSWERED), item)
    question = form.fields["public_question"].initial
    answer = form.fields["public_answer"].initial
    FeedbackItem.objects.filter(pk=item.pk).update(public_question=question, public_answer=answer)
    for url in (reverse("feedback:answers"), reverse("feedback:answer", args=[item.pk])):
        html = client.get(url).content.decode()
        assert item.subject in html
        for personal in ("Nguyễn Văn An", "0912345678", "0912 345 678", "an.nguyen@example.vn"):
            assert personal not in html, (url, personal)


def test_the_name_is_shown_when_the_person_agreed(client, office):
    item = publish(
        office, registered(office, publish_identity=True), public_question="Q", public_answer="A"
    )
    html = client.get(reverse("feedback:answer", args=[item.pk])).content.decode()
    assert "Nguyễn Văn An" in html


def test_published_answers_are_found_without_diacritics_and_by_field(client, office):
    item = publish(
        office,
        registered(office, subject="Đăng ký khai sinh chậm"),
        public_question="Hồ sơ khai sinh bị chậm",
        public_answer="Đã xử lý",
    )
    found = client.get(reverse("feedback:answers"), {"q": "khai sinh cham"})
    assert item.subject in found.content.decode()
    none = client.get(reverse("feedback:answers"), {"q": "dat dai"})
    assert item.subject not in none.content.decode()


def test_unpublished_items_are_not_on_the_public_page(client, office):
    item = registered(office)
    assert client.get(reverse("feedback:answer", args=[item.pk])).status_code == 404
