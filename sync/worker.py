"""Sending the dossiers' tracked events to the national portal, in order per dossier.

Like notifications.delivery, the portal is called outside every transaction:

1. claim (one short transaction): up to BATCH waiting dossiers, each with its next tracked
   event marked in flight (row locks skipping rows another worker holds on PostgreSQL;
   SQLite's write lock, taken at BEGIN, elsewhere);
2. send, per agency, one batch (the portal's calls take arrays), no transaction open;
3. record (one short transaction): the cursor moves to the sent event, or the error and the
   next attempt are written; both only if the claim is still this worker's.

A dossier has at most one event in flight, and its cursor moves only after the portal took
that event: events reach the portal in order. A worker killed between 1 and 3 leaves its
claims; after SYNC_CLAIM_TIMEOUT they are claimed again *in doubt*, and the portal is asked
whether it holds the step before it is sent again: nothing is lost, nothing applied twice.
A failure waits 1, 2, 4 … minutes (at most 6 hours) and never stops other dossiers.
"""

import logging
from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.events import retry_delay
from core.plugins import registry
from sync.models import DossierSync
from sync.payload import Message, message_for
from sync.portal import PortalError, Presence
from sync.selectors import dossiers_for_sync, next_events

logger = logging.getLogger(__name__)

BATCH = 200


def sync_due(*, batch: int = BATCH, rounds: int = 50) -> int:
    """Send what is due, batch after batch, until nothing is left or `rounds` batches were
    sent; return how many events the portal took. Safe in several processes at once."""
    taken = 0
    for _ in range(rounds):
        claimed, sent = sync_round(batch=batch)
        taken += sent
        if not claimed:  # a dossier with several events sends one per round
            break
    return taken


def sync_round(*, batch: int = BATCH) -> tuple[int, int]:
    """One claim, send and record; returns (events claimed, events the portal took)."""
    claims = _claim(batch)
    if not claims:
        return 0, 0
    dossiers = dossiers_for_sync(row.dossier_id for row, _ in claims)
    by_agency: dict[str, list[tuple[DossierSync, Message]]] = defaultdict(list)
    for row, event in claims:
        message = message_for(dossiers[row.dossier_id], event, is_new=row.sent_event_id == 0)
        by_agency[message.agency_code].append((row, message))
    taken = 0
    for agency_code, items in by_agency.items():
        outcomes = _send(agency_code, items)
        _record(outcomes)
        taken += sum(1 for _, _, error in outcomes if error is None)
    return len(claims), taken


def _claim(batch: int) -> list[tuple[DossierSync, object]]:
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.SYNC_CLAIM_TIMEOUT)
    with transaction.atomic():
        rows = DossierSync.objects.filter(
            Q(in_flight_event_id__isnull=True) | Q(claimed_at__lt=abandoned),
            latest_event_id__gt=F("sent_event_id"),
            next_attempt_at__lte=now,
        )
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        rows = list(rows.order_by("next_attempt_at", "id")[:batch])
        events = next_events(rows)
        claims, caught_up = [], []
        for row in rows:
            event = events.get(row.dossier_id)
            if event is None:  # only untracked moves since the last send: nothing to say
                row.sent_event_id, row.in_flight_event_id, row.claimed_at = (
                    row.latest_event_id,
                    None,
                    None,
                )
                caught_up.append(row)
                continue
            if row.in_flight_event_id is not None:
                # A claim left by a dead worker: the portal may hold its event already.
                logger.warning("Sync of dossier %s left in flight; asking first", row.dossier_id)
                row.in_doubt = True
            row.in_flight_event_id, row.claimed_at = event.pk, now
            claims.append((row, event))
        # One statement for the batch (rows locked above): a round trip per row costs more
        # than everything else the worker does.
        _update_each(
            "sent_event_id = v.column2, in_flight_event_id = NULL, claimed_at = NULL",
            [(row.pk, row.sent_event_id) for row in caught_up],
        )
        _update_each(
            "in_flight_event_id = v.column2, in_doubt = v.column3, claimed_at = %s",
            [(row.pk, row.in_flight_event_id, row.in_doubt) for row, _ in claims],
            now,
        )
    return claims


Outcome = tuple[DossierSync, Message, PortalError | None]


def _send(agency_code: str, items: list[tuple[DossierSync, Message]]) -> list[Outcome]:
    try:
        portal = registry.get("national_portal", agency=agency_code)
    except Exception as error:  # a configuration mistake: recorded on each dossier
        failure = PortalError(type(error).__name__, maybe_applied=False)
        return [(row, message, failure) for row, message in items]
    outcomes: list[Outcome] = []
    to_send: list[tuple[DossierSync, Message]] = []
    for row, message in items:
        if not row.in_doubt:
            to_send.append((row, message))
            continue
        try:
            presence = portal.presence(message)
        except PortalError as error:
            outcomes.append((row, message, PortalError(error.text, maybe_applied=True)))
            continue
        if presence is Presence.APPLIED:
            outcomes.append((row, message, None))
        else:
            known = presence is Presence.KNOWN
            to_send.append((row, replace(message, is_new=message.is_new and not known)))
    outcomes.extend(_send_batch(portal, to_send))
    return outcomes


def _send_batch(portal, items) -> list[Outcome]:
    if not items:
        return []
    try:
        portal.send([message for _, message in items])
    except PortalError as error:
        if error.maybe_applied or len(items) == 1:
            return [(row, message, error) for row, message in items]
        # A clear refusal of the batch: one record may be wrong. Send each alone, so one
        # dossier the portal refuses does not hold back the others.
        outcomes = []
        for row, message in items:
            try:
                portal.send([message])
            except PortalError as alone:
                outcomes.append((row, message, alone))
            else:
                outcomes.append((row, message, None))
        return outcomes
    return [(row, message, None) for row, message in items]


def _record(outcomes: list[Outcome]) -> None:
    now = timezone.now()
    taken = [(row, message) for row, message, error in outcomes if error is None]
    with transaction.atomic():
        if taken:
            # Only where the claim is still ours (the same claim time, to the microsecond): a
            # worker that outlived its claim writes nothing. One statement for the batch.
            _update_each(
                "sent_event_id = v.column2, synced_code = v.column3, in_flight_event_id = NULL,"
                " claimed_at = NULL, in_doubt = %s, attempts = 0, last_error = '',"
                " last_error_at = NULL, synced_at = %s, next_attempt_at = %s",
                [(row.pk, m.event_id, m.national_code) for row, m in taken],
                False,
                now,
                now,
                where="AND sync_dossiersync.claimed_at = %s"
                " AND sync_dossiersync.in_flight_event_id = v.column2",
                where_params=[taken[0][0].claimed_at],
            )
        for row, message, error in outcomes:
            if error is None:
                continue
            attempts = row.attempts + 1
            DossierSync.objects.filter(
                pk=row.pk, in_flight_event_id=message.event_id, claimed_at=row.claimed_at
            ).update(
                in_flight_event_id=None,
                claimed_at=None,
                in_doubt=error.maybe_applied,
                attempts=attempts,
                last_error=error.text[:255],
                last_error_at=now,
                next_attempt_at=now + retry_delay(attempts),
            )
    failed = [message.code for _, message, error in outcomes if error is not None]
    if failed:
        logger.warning("National portal refused or missed %s event(s)", len(failed))


def _update_each(assignments: str, values: list[tuple], *params, where="", where_params=()):
    """UPDATE sync_dossiersync … FROM (VALUES (id, …), …): a value per row in one statement
    (PostgreSQL, and SQLite from 3.33), `v.column1` being the row's id."""
    if not values:
        return
    width = len(values[0])
    rows = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(values))
    # `assignments` and `where` are this module's constants; every value is a parameter.
    sql = (
        f"UPDATE sync_dossiersync SET {assignments} FROM (VALUES {rows}) AS v "  # noqa: S608 # nosec B608
        f"WHERE sync_dossiersync.id = v.column1 {where}"
    )
    flat = [value for row in values for value in row]
    # Times as the backend stores them (SQLite: UTC text without an offset), so they compare
    # equal to what the ORM writes and reads.
    adapt = [
        connection.ops.adapt_datetimefield_value(p) if isinstance(p, datetime) else p
        for p in [*params, *flat, *where_params]
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, adapt)
