"""Queueing messages to citizens. Callers never send directly: the worker does, after commit."""

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
    transaction.on_commit(lambda: deliver_notification.enqueue(notification.pk))
    return notification
