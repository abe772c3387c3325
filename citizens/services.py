"""Writes to citizens and consents. Each leaves an audit row; none logs a personal number."""

import contextlib
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from citizens.cccd import CardData
from citizens.models import Citizen, Consent
from core.audit import audit_record
from core.logging import redact
from core.phones import InvalidPhone, normalise_phone
from core.text import fold

# What the card says about a person, compared with what is stored when the card is scanned again.
CARD_FIELDS = ("full_name", "old_id_number", "birth_date", "gender", "address")
# What an officer may change after the citizen confirms it; the ID number is the key, never.
UPDATABLE_FIELDS = (*CARD_FIELDS, "phone", "email")


@dataclass(frozen=True)
class Difference:
    """A field where the card and the stored citizen disagree. Values are left out of the repr,
    which may reach a log."""

    field: str
    stored: Any = field(repr=False)
    card: Any = field(repr=False)


def _differences(citizen: Citizen, card: CardData) -> list[Difference]:
    differences = []
    for name in CARD_FIELDS:
        stored, scanned = getattr(citizen, name), getattr(card, name)
        # An empty card field says nothing (newer cards may leave the old ID out): not a change.
        if scanned in ("", None) or stored == scanned:
            continue
        differences.append(Difference(field=name, stored=stored, card=scanned))
    return differences


def _audited(values: dict[str, Any]) -> dict[str, Any]:
    """Values for an audit row, with ID and phone numbers masked (R17 applies to exports too)."""
    return {name: redact(str(value)) for name, value in values.items()}


def citizen_from_card(
    *, card: CardData, actor, agency_code: str = ""
) -> tuple[Citizen, list[Difference]]:
    """The citizen with the card's ID number, created from the card when new.

    A citizen already stored is not overwritten: the differences from the card come back for the
    officer to confirm with the citizen, and `citizen_update` applies what they confirm.
    """
    citizen = Citizen.objects.filter(id_number=card.id_number).first()
    if citizen is None:
        try:
            with transaction.atomic():
                citizen = Citizen.objects.create(
                    id_number=card.id_number,
                    old_id_number=card.old_id_number,
                    full_name=card.full_name,
                    birth_date=card.birth_date,
                    gender=card.gender,
                    address=card.address,
                    search_name=fold(card.full_name)[:150],
                )
                audit_record(
                    action="citizen_create",
                    actor=actor,
                    agency_code=agency_code,
                    obj=citizen,
                    new={"source": "cccd_qr"},
                )
            return citizen, []
        except IntegrityError:
            # Another counter scanned the same card at the same moment: use its row.
            citizen = Citizen.objects.get(id_number=card.id_number)
    differences = _differences(citizen, card)
    # Finding a stored person is a reading of personal data (R16): record who looked.
    audit_record(
        action="citizen_card_match",
        actor=actor,
        agency_code=agency_code,
        obj=citizen,
        new={"differences": [difference.field for difference in differences]},
    )
    return citizen, differences


def citizen_update(
    *, citizen: Citizen, changes: dict[str, Any], actor, agency_code: str = ""
) -> Citizen:
    """Apply changes the citizen confirmed (from a rescanned card or told at the counter).

    Raises ValueError for a field that cannot change this way and ValidationError for a value
    the model refuses; nothing is written then.
    """
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"These citizen fields cannot be updated: {sorted(unknown)}")
    if changes.get("phone"):
        # Stored in one format whoever typed it; a value that is no number is left for the
        # model's validator to refuse below.
        with contextlib.suppress(InvalidPhone):
            changes = {**changes, "phone": normalise_phone(changes["phone"])}
    with transaction.atomic():
        # Lock the row so two officers confirming different changes do not undo each other.
        locked = Citizen.objects.select_for_update().get(pk=citizen.pk)
        old = {
            name: getattr(locked, name)
            for name, value in changes.items()
            if getattr(locked, name) != value
        }
        if not old:
            return locked
        for name in old:
            setattr(locked, name, changes[name])
        locked.search_name = fold(locked.full_name)[:150]
        locked.full_clean()
        locked.save(update_fields=[*old, "search_name", "updated_at"])
        audit_record(
            action="citizen_update",
            actor=actor,
            agency_code=agency_code,
            obj=locked,
            old=_audited(old),
            new=_audited({name: getattr(locked, name) for name in old}),
        )
    return locked


def consent_grant(
    *, citizen: Citizen, purpose: str, actor, agency_code: str, note: str = ""
) -> Consent:
    """Record the citizen's consent to `purpose` given to the agency. Recording it again while it
    is in force returns the consent already recorded."""
    with transaction.atomic():
        # Lock the citizen so two clicks cannot both find no open consent and both insert.
        Citizen.objects.select_for_update().filter(pk=citizen.pk).first()
        consent = Consent.objects.filter(
            citizen=citizen, purpose=purpose, agency_code=agency_code, withdrawn_at__isnull=True
        ).first()
        if consent is not None:
            return consent
        consent = Consent.objects.create(
            citizen=citizen,
            purpose=purpose,
            agency_code=agency_code,
            granted_by=actor,
            granted_at=timezone.now(),
            note=note,
        )
        audit_record(
            action="consent_grant",
            actor=actor,
            agency_code=agency_code,
            obj=consent,
            new={"purpose": purpose, "citizen": citizen.pk},
        )
    return consent


def consent_withdraw(
    *, citizen: Citizen, purpose: str, actor, agency_code: str, note: str = ""
) -> list[Consent]:
    """Withdraw the citizen's consent to `purpose`, at every agency it was given to: a citizen
    withdraws a purpose, not one office's copy of it [ours]. `agency_code` is the agency that
    records the withdrawal. Returns the consents closed."""
    now = timezone.now()
    with transaction.atomic():
        consents = list(
            Consent.objects.select_for_update().filter(
                citizen=citizen, purpose=purpose, withdrawn_at__isnull=True
            )
        )
        for consent in consents:
            consent.withdrawn_at = now
            consent.withdrawn_by = actor
            if note:
                consent.note = f"{consent.note}\n{note}".strip()
            consent.save(update_fields=["withdrawn_at", "withdrawn_by", "note"])
            audit_record(
                action="consent_withdraw",
                actor=actor,
                agency_code=agency_code,
                obj=consent,
                old={"withdrawn_at": None},
                new={"withdrawn_at": now, "granted_to": consent.agency_code},
            )
    return consents
