"""Queueing messages to citizens. Callers never send directly: the worker does, after commit."""

from functools import partial

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from notifications.models import Channel, Notification, Status
from notifications.tasks import deliver_notification


def notification_send(
    *,
    channel: str,
    to: str,
    body: str,
    subject: str = "",
    agency_code: str = "",
    about=None,
    event=None,
) -> Notification:
    """Record the message and queue its delivery once the caller's transaction commits, so a
    rolled-back action never sends a message about something that did not happen.

    `agency_code` chooses the provider (its own, else the default; core.plugins); `about` is
    the object the message is about (a dossier) and `event` the domain event that caused it."""
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    notification = Notification.objects.create(
        channel=channel,
        recipient=to,
        subject=subject,
        body=body,
        agency_code=agency_code,
        object_type=about._meta.label_lower if about is not None else "",
        object_id=str(about.pk) if about is not None else "",
        event=event,
        next_attempt_at=timezone.now(),
    )
    _enqueue(notification.pk)
    return notification


def notification_resend(*, notification_id: int, actor) -> Notification:
    """Give a failed message a new round of attempts, due now (a staff member's "send again").
    The caller has checked that `actor` may see it (org.access); audited."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status != Status.FAILED:
            return notification  # sent again already (a double click), or never failed
        old = {"status": notification.status, "attempts": notification.attempts}
        notification.status = Status.QUEUED
        notification.attempts = 0
        notification.next_attempt_at = timezone.now()
        notification.save(update_fields=["status", "attempts", "next_attempt_at"])
        _enqueue(notification.pk)
        # Last: the audit chain's head stays locked until commit.
        audit_record(
            action="message_resend",
            actor=actor,
            agency_code=notification.agency_code,
            obj=notification,
            old=old,
            new={"status": notification.status},
        )
    return notification


def _enqueue(notification_id: int) -> None:
    deliver = partial(deliver_notification.enqueue, notification_id)
    if _queue_in_database():
        # The queue is a table of this database: the task row commits or rolls back with the
        # message, and the worker sees it only after commit. One commit instead of two.
        deliver()
    else:
        transaction.on_commit(deliver)


def _queue_in_database() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[deliver_notification.backend], DatabaseBackend)
