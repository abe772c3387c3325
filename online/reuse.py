"""What the state already holds about a verified citizen, offered on the portal so they are not
asked again (Decree 118): the registry's contacts and the answers of their latest dossier, each
with its source, filled into the draft only after the citizen consents to the reuse.

The consent is the registry's own (citizens.Consent, purpose "reuse"), given by the citizen on
the portal: recorded to PORTAL, without an officer, and withdrawn as any other consent is.
Only the citizen's own records are read: the account's registry entry, found by the verified
ID number, never anything the browser names.
"""

from django.db import transaction

from catalog.models import EFormField
from citizens.models import ConsentPurpose
from citizens.selectors import consent_in_force
from citizens.services import consent_grant
from dossiers.reuse import KnownValue, latest_own_application, values_held
from online.models import Draft

# The agency code a consent given on the portal is recorded to: the portal itself.
PORTAL = "cong-truc-tuyen"


def reuse_consented(account) -> bool:
    if account.citizen_id is None:
        return False
    consent = consent_in_force(
        citizen=account.citizen, purpose=ConsentPurpose.REUSE, agency_code=PORTAL
    )
    return consent is not None


def values_offered(account, eform_fields: list[EFormField]) -> list[KnownValue]:
    """Nothing for an account whose ID number is not verified, or without consent."""
    if not reuse_consented(account):
        return []
    citizen = account.citizen
    return values_held(
        citizen=citizen,
        latest=latest_own_application(citizen=citizen),
        eform_fields=eform_fields,
    )


def reuse_consent_give(*, account) -> None:
    consent_grant(
        citizen=account.citizen,
        purpose=ConsentPurpose.REUSE,
        actor=None,
        agency_code=PORTAL,
        note="Công dân tự đồng ý trên cổng dịch vụ công trực tuyến.",
    )


def draft_reuse(*, draft: Draft, account, eform_fields: list[EFormField]) -> int:
    """Fill the draft's empty fields with the values offered; what the citizen typed stays.
    Returns how many fields were filled."""
    offered = values_offered(account, eform_fields)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        values = dict(draft.values)
        filled = 0
        for known in offered:
            if not str(values.get(known.name, "")).strip():
                values[known.name] = known.value
                filled += 1
        draft.values = values
        draft.save(update_fields=["values", "updated_at"])
    return filled
