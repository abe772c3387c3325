"""Sending a queued message: claim it, talk to the provider, record what happened.

The provider is called outside every transaction. A transaction held open across an SMTP or
HTTP call keeps a row lock (PostgreSQL) or the whole database's write lock (SQLite) for as long
as the provider takes; here each step that writes is a short transaction of its own:

1. claim: queued → sending, with the claim time and one more attempt (a row lock that skips
   rows another sender holds on PostgreSQL; SQLite's write lock, taken at BEGIN, elsewhere);
2. send, with the channel's timeout, no transaction open;
3. record: sending → sent, or back to queued with the time of the next attempt, or failed
   after the last one.

A sender that dies between 1 and 3 leaves the message "sending": after STUCK_AFTER it is
queued again. The provider may then get it twice; each attempt carries the same reference
(`motcua-<id>`) so a gateway that drops repeats sends it once.
"""

import logging
from datetime import timedelta

from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from core.plugins import registry
from notifications.models import Channel, Notification, Status

logger = logging.getLogger(__name__)

# Wait before attempt 2, 3, …; after the last wait's attempt fails the message is failed and
# listed for staff, who can send it again.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Longer than any channel's timeout (EMAIL_TIMEOUT, SMS_HTTP_TIMEOUT): a claim this old
# belongs to a sender that died.
STUCK_AFTER = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta | None:
    """Wait after `attempts` failed attempts; None when there is no attempt left."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def message_deliver(*, message_id: int) -> str:
    """Send this message if it is queued and due; return its status afterwards. The task
    queue's path, for a message just recorded or sent again."""
    message = _claim(Notification.objects.filter(pk=message_id))
    if message is None:  # sent, failed, claimed by another sender, or not due yet
        return Notification.objects.filter(pk=message_id).values_list("status", flat=True).first()
    return _send_and_record(message)


def messages_deliver_due(*, limit: int = 200) -> int:
    """Send every message whose attempt is due, one claim at a time, after queueing again the
    claims of dead senders; return how many were sent. Safe in several processes at once."""
    messages_requeue_stuck()
    sent = 0
    for _ in range(limit):
        try:
            message = _claim(Notification.objects.all())
        except DatabaseError:
            logger.exception("Claiming a message failed; the next run will try again")
            break
        if message is None:
            break
        sent += _send_and_record(message) == Status.SENT
    return sent


def messages_requeue_stuck(*, now=None) -> int:
    """Queue again the messages claimed longer than STUCK_AFTER ago (their sender died); those
    already at their last attempt are failed instead."""
    now = now or timezone.now()
    stuck = Notification.objects.filter(status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER)
    with transaction.atomic():
        failed = stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
            status=Status.FAILED, claimed_at=None, error="no answer from the sender"
        )
        queued = stuck.update(status=Status.QUEUED, claimed_at=None, next_attempt_at=now)
    if failed or queued:
        logger.warning(
            "Messages left 'sending' by a dead sender: %s queued, %s failed", queued, failed
        )
    return queued


def _claim(candidates) -> Notification | None:
    """Take the first due message of `candidates` for this sender, in a short transaction."""
    now = timezone.now()
    with transaction.atomic():
        rows = candidates.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            # Another sender's claim in progress is skipped, not waited for.
            rows = rows.select_for_update(skip_locked=True)
        message = rows.order_by("next_attempt_at", "id").first()
        if message is None:
            return None
        # Compare-and-set as well: SQLite has no row locks (its write lock serialises us).
        claimed = Notification.objects.filter(pk=message.pk, status=Status.QUEUED).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        if not claimed:
            return None
    message.status, message.claimed_at, message.attempts = (
        Status.SENDING,
        now,
        message.attempts + 1,
    )
    return message


def _send_and_record(message: Notification) -> str:
    reference = f"motcua-{message.pk}"
    provider = message.channel
    try:
        channel = registry.get(message.channel, agency=message.agency_code)
        provider = channel.name
        if message.channel in (Channel.SMS, Channel.ZALO):
            provider_reference = channel.send(
                to=message.recipient, text=message.body, reference=reference
            )
        else:
            provider_reference = channel.send(
                to=message.recipient,
                subject=message.subject,
                text=message.body,
                reference=reference,
            )
    except Exception as error:  # any provider failure: recorded, retried later
        return _record_failure(message, provider, error)
    mine = Notification.objects.filter(
        pk=message.pk, status=Status.SENDING, claimed_at=message.claimed_at
    )
    with transaction.atomic():
        mine.update(
            status=Status.SENT,
            sent_at=timezone.now(),
            claimed_at=None,
            next_attempt_at=None,
            error="",
            provider=provider,
            provider_reference=(provider_reference or "")[:100],
        )
    return Status.SENT


def _record_failure(message: Notification, provider: str, error: Exception) -> str:
    # The exception's own text may quote the recipient (R17): only ours is kept.
    from notifications.channels import DeliveryError

    reason = type(error).__name__
    if isinstance(error, DeliveryError) and str(error):
        reason = f"{reason}: {error}"
    delay = retry_delay(message.attempts)
    now = timezone.now()
    changes = {"error": reason[:255], "claimed_at": None, "provider": provider}
    if delay is None:
        status = Status.FAILED
        changes.update(status=status, next_attempt_at=None)
    else:
        status = Status.QUEUED
        changes.update(status=status, next_attempt_at=now + delay)
    with transaction.atomic():
        Notification.objects.filter(
            pk=message.pk, status=Status.SENDING, claimed_at=message.claimed_at
        ).update(**changes)
    logger.warning(
        "Message %s (%s) not sent, attempt %s of %s: %s",
        message.pk,
        provider,
        message.attempts,
        MAX_ATTEMPTS,
        changes["error"],
    )
    return status
