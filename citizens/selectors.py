"""Reads of citizens and their consents."""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from citizens.models import Citizen, Consent, ConsentPurpose


def citizen_by_id_number(*, id_number: str) -> Citizen | None:
    return Citizen.objects.filter(id_number=id_number).first()


def has_consent(
    *,
    citizen: Citizen,
    purpose: str,
    at: datetime | None = None,
    agency_code: str | None = None,
) -> bool:
    """Whether the citizen's consent to `purpose` was in force at `at` (default: now).

    A consent is in force from the moment it was granted until the moment it was withdrawn.
    Without `agency_code`, a consent given to any agency counts.
    """
    at = at or timezone.now()
    consents = Consent.objects.filter(citizen=citizen, purpose=purpose, granted_at__lte=at).filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at)
    )
    if agency_code is not None:
        consents = consents.filter(agency_code=agency_code)
    return consents.exists()


def consent_in_force(*, citizen: Citizen, purpose: str, agency_code: str) -> Consent | None:
    """The consent to `purpose` the citizen gave `agency_code` and has not withdrawn, if any:
    asked once, it holds at later visits until the citizen withdraws it."""
    return (
        Consent.objects.filter(
            citizen=citizen, purpose=purpose, agency_code=agency_code, withdrawn_at__isnull=True
        )
        .select_related("granted_by")
        .first()
    )


def citizen_for_prefill(*, id_number: str) -> Citizen | None:
    """The stored citizen whose data may prefill a new dossier: only with consent to reuse.

    Without it the officer works from the card (or what the citizen says), as if nothing
    were stored.
    """
    citizen = citizen_by_id_number(id_number=id_number)
    if citizen is None or not has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE):
        return None
    return citizen
