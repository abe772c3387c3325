"""Queueing messages to citizens. Callers never send directly: the worker does, after commit."""

from functools import partial

from django.db import transaction

from notifications.models import Channel, Notification
from notifications.tasks import deliver_notification


def notification_send(*, channel: str, to: str, body: str, subject: str = "") -> Notification:
    """Record the message and queue its delivery once the caller's transaction commits, so a
    rolled-back action never sends a message about something that did not happen."""
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    notification = Notification.objects.create(
        channel=channel, recipient=to, subject=subject, body=body
    )
    deliver = partial(deliver_notification.enqueue, notification.pk)
    if _queue_in_database():
        # The queue is a table of this database: the task row commits or rolls back with the
        # message, and the worker sees it only after commit. One commit instead of two.
        deliver()
    else:
        transaction.on_commit(deliver)
    return notification


def _queue_in_database() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[deliver_notification.backend], DatabaseBackend)
