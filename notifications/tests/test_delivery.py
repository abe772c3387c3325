"""Messages to citizens go through the real task queue, after commit (database or Redis)."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from notifications.models import Notification, Status
from notifications.services import notification_send
from notifications.sms import MemorySms, mask_phone

pytestmark = [pytest.mark.tasks, pytest.mark.django_db(transaction=True)]


def run_worker():
    """Run the configured backend's real worker until the queue is empty."""
    if settings.TASKS_BACKEND == "rq":
        import django_rq
        from django_tasks_rq import Job
        from rq import SimpleWorker

        queue = django_rq.get_queue("default", job_class=Job)
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    else:
        call_command("db_worker", batch=True, no_startup_delay=True, interval=0)


@pytest.fixture(autouse=True)
def empty_queue():
    MemorySms.outbox.clear()
    if settings.TASKS_BACKEND == "rq":
        import django_rq

        django_rq.get_queue("default").empty()
    yield


def test_an_sms_is_delivered_by_the_worker_after_commit():
    with transaction.atomic():
        notification = notification_send(channel="sms", to="0912345678", body="Hồ sơ đã tiếp nhận")
        assert MemorySms.outbox == []
    run_worker()
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1
    assert MemorySms.outbox == [{"to": "0912345678", "text": "Hồ sơ đã tiếp nhận"}]


def test_an_email_is_delivered_by_the_worker():
    notification_send(channel="email", to="dan@example.vn", subject="Hẹn trả", body="Ngày 25/02")
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Hẹn trả"]


def test_nothing_is_queued_or_sent_for_a_rolled_back_action():
    with pytest.raises(RuntimeError), transaction.atomic():
        notification_send(channel="sms", to="0912345678", body="không được gửi")
        raise RuntimeError
    run_worker()
    assert not Notification.objects.exists()
    assert MemorySms.outbox == []


def test_a_message_delivered_once_is_not_sent_again_by_a_repeated_job():
    from notifications.tasks import deliver_notification

    notification = notification_send(channel="sms", to="0912345678", body="một lần")
    run_worker()
    deliver_notification.enqueue(notification.pk)
    run_worker()
    assert len(MemorySms.outbox) == 1


def test_console_sms_masks_the_phone_number():
    assert mask_phone("0912345678") == "091*****78"
