"""Delivery runs in the task worker, never in the request that caused it. Retries, and messages
whose task was lost, are sent by `manage.py deliver_messages` (cron or --every)."""

from django_tasks import task

from notifications.delivery import message_deliver


@task()
def deliver_notification(notification_id: int) -> str:
    # No transaction here: the claim and the record are short ones of their own, and the
    # provider is called between them (notifications.delivery).
    return message_deliver(message_id=notification_id)
