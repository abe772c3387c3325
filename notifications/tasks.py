"""Delivery runs in the task worker, never in the request that caused it."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from notifications.models import Channel, Notification, Status
from notifications.sms import get_sms_backend


@task()
def deliver_notification(notification_id: int) -> str:
    with transaction.atomic():
        # Lock the row so two workers given the same job never send it twice.
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status == Status.SENT:
            return notification.status
        notification.attempts += 1
        try:
            if notification.channel == Channel.SMS:
                get_sms_backend().send(to=notification.recipient, text=notification.body)
            else:
                send_mail(
                    notification.subject,
                    notification.body,
                    None,
                    [notification.recipient],
                    fail_silently=False,
                )
        except Exception as exc:  # any gateway error: keep the message and say why
            notification.status = Status.FAILED
            notification.error = type(exc).__name__[:255]
        else:
            notification.status = Status.SENT
            notification.sent_at = timezone.now()
            notification.error = ""
        notification.save(update_fields=["status", "attempts", "error", "sent_at"])
        return notification.status
