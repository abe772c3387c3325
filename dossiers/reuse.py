"""What the office already holds about a citizen, offered at the counter so the citizen is not
asked again (Decree 45/2020) and filled in only after the citizen consents to the reuse.

Reads only. Every value comes from the citizen the form's ID number names, never from a row
chosen by anything else the browser sends, so a form cannot pull in another person's data.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.eform import DATE_FORMAT, format_table
from catalog.models import EFormField, FieldType
from citizens.models import Citizen
from citizens.services import CARD_FIELDS
from dossiers.models import Applicant, ApplicantKind
from dossiers.selectors import dossiers_for_staff

# The registry's fields a reception form shows, by the form field's name.
CONTACT_FIELDS = ("phone", "email", "address")
# Card fields the reception form holds; the old ID number is kept in the registry only.
FORM_CARD_FIELDS = tuple(name for name in CARD_FIELDS if name != "old_id_number")


@dataclass(frozen=True)
class KnownValue:
    name: str  # the reception form's field: "phone", "email", "address" or "ef-<key>"
    label: str
    value: str  # as the form field takes it
    source: str  # "từ hồ sơ <code> ngày dd/mm/yyyy" or the registry


@dataclass(frozen=True)
class Disagreement:
    """A card field where the registry holds something else: both shown, the officer picks."""

    name: str
    label: str
    stored: str
    card: str


def latest_application(*, citizen: Citizen, user) -> Applicant | None:
    """The citizen's most recent dossier the user may see: linked to the registry, or for
    dossiers received before the link existed, with the same ID number."""
    return (
        Applicant.objects.filter(
            Q(citizen=citizen) | Q(citizen__isnull=True, id_number=citizen.id_number),
            kind=ApplicantKind.INDIVIDUAL,
            is_primary=True,
            dossier__in=dossiers_for_staff(user),
        )
        .select_related("dossier")
        .order_by("-dossier__created_at", "-id")
        .first()
    )


def _source(applicant: Applicant) -> str:
    dossier = applicant.dossier
    day = timezone.localdate(dossier.received_at or dossier.created_at)
    return _("from dossier %(code)s on %(date)s") % {
        "code": dossier.code,
        "date": day.strftime(DATE_FORMAT),
    }


def as_input(item: EFormField, value) -> str:
    """A stored e-form answer (JSON) as its form field takes it back; "" when it cannot."""
    if value in (None, "", [], False):
        return ""
    if item.field_type == FieldType.DATE:
        try:
            return date.fromisoformat(str(value)).strftime(DATE_FORMAT)
        except ValueError:
            return ""
    if item.field_type == FieldType.TABLE:
        return format_table(value) if isinstance(value, list) else ""
    if item.field_type == FieldType.CHECKBOX:
        return "on" if value is True else ""
    return value if isinstance(value, str) else str(value)


def latest_own_application(*, citizen: Citizen) -> Applicant | None:
    """The citizen's most recent dossier as its own applicant, for the citizen themself on the
    portal: linked to the registry, or received under the same ID number before the link."""
    return (
        Applicant.objects.filter(
            Q(citizen=citizen) | Q(citizen__isnull=True, id_number=citizen.id_number),
            kind=ApplicantKind.INDIVIDUAL,
            is_primary=True,
        )
        .select_related("dossier")
        .order_by("-dossier__created_at", "-id")
        .first()
    )


def known_values(*, citizen: Citizen, user, eform_fields: list[EFormField]) -> list[KnownValue]:
    """What the counter may offer: from the registry and the latest dossier the user sees."""
    latest = latest_application(citizen=citizen, user=user)
    return values_held(citizen=citizen, latest=latest, eform_fields=eform_fields)


def values_held(
    *, citizen: Citizen, latest: Applicant | None, eform_fields: list[EFormField]
) -> list[KnownValue]:
    """Phone, e-mail and address from the registry (or the latest dossier when the registry has
    none), and the latest dossier's answers to e-form fields with the same key."""
    labels = {"phone": _("Phone"), "email": _("E-mail"), "address": _("Permanent address")}
    values = []
    for name in CONTACT_FIELDS:
        if getattr(citizen, name):
            values.append(
                KnownValue(name, labels[name], getattr(citizen, name), _("from the registry"))
            )
        elif latest is not None and getattr(latest, name):
            values.append(KnownValue(name, labels[name], getattr(latest, name), _source(latest)))
    if latest is not None:
        answers = latest.dossier.form_data or {}
        for item in eform_fields:
            # Fields copied from the applicant block are filled from there already.
            if item.prefill_from or item.key not in answers:
                continue
            value = as_input(item, answers[item.key])
            if value:
                values.append(KnownValue(f"ef-{item.key}", item.label, value, _source(latest)))
    # Grouped by source on the screen: the registry first, then the dossier.
    return sorted(values, key=lambda known: known.source != _("from the registry"))


def _shown(value) -> str:
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return str(value or "")


def disagreements(*, citizen: Citizen, data) -> list[Disagreement]:
    """Card fields where the form (filled from the card) and the registry differ."""
    labels = {
        "full_name": _("Full name"),
        "birth_date": _("Date of birth"),
        "gender": _("Gender"),
        "address": _("Permanent address"),
    }
    found = []
    for name in FORM_CARD_FIELDS:
        stored, typed = _shown(getattr(citizen, name)), (data.get(name) or "").strip()
        if typed and stored != typed:
            found.append(Disagreement(name, labels[name], stored, typed))
    return found
