"""Writes to the catalogue: creating procedures, drafting, publishing and expiring versions.

A published or expired version never changes: every edit happens on a draft, which publishing
turns into the current version while the previous one expires. Nothing is ever deleted.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.fees import link_problems, needs
from catalog.models import (
    Channel,
    ChannelTerm,
    FieldType,
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    VersionStatus,
)
from catalog.search import version_search_text
from core.audit import audit_record
from org.models import Agency

# The children copied into a new draft, in the order they are shown.
CHILD_RELATIONS = ("channels", "fees", "documents", "steps", "form_fields")


def _audit(action: str, version: ProcedureVersion, actor, **values) -> None:
    audit_record(
        action=action,
        actor=actor,
        agency_code=_agency_code(version.procedure),
        obj=version,
        object_repr=str(version)[:255],
        new={"procedure": version.procedure.code, "version": version.number, **values},
    )


@transaction.atomic
def procedure_create(
    *,
    actor,
    national_code: str,
    local_code: str = "",
    name: str,
    field: ProcedureField,
    agencies=(),
    **version_fields,
) -> ProcedureVersion:
    """A new procedure with its first version as a draft, open on all three channels."""
    if Procedure.objects.filter(national_code=national_code, local_code=local_code).exists():
        raise ValidationError({"national_code": _("A procedure with this code already exists.")})
    try:
        with transaction.atomic():
            procedure = Procedure.objects.create(national_code=national_code, local_code=local_code)
    except IntegrityError as error:  # created by someone else a moment ago
        raise ValidationError(
            {"national_code": _("A procedure with this code already exists.")}
        ) from error
    procedure.agencies.set(agencies)
    version = ProcedureVersion(
        procedure=procedure, number=1, name=name, field=field, created_by=actor, **version_fields
    )
    version.search_text = version_search_text(version)
    version.save()
    ChannelTerm.objects.bulk_create(
        ChannelTerm(version=version, channel=channel) for channel in Channel.values
    )
    _audit("procedure_create", version, actor)
    return version


@transaction.atomic
def version_draft(*, procedure: Procedure, actor) -> ProcedureVersion:
    """The procedure's draft: the existing one, or a copy of the newest version to edit."""
    # Lock the procedure so two admins clicking "edit" at once get the same draft.
    Procedure.objects.select_for_update().get(pk=procedure.pk)
    draft = procedure.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    source = procedure.versions.order_by("-number").first()
    draft = _copy_as_draft(source, procedure=procedure, number=source.number + 1, actor=actor)
    _audit("version_draft", draft, actor, copied_from=source.number)
    return draft


def _copy_as_draft(
    source: ProcedureVersion, *, procedure: Procedure, number: int, actor
) -> ProcedureVersion:
    """A draft of `procedure` numbered `number` with everything `source` says, its tables and
    its e-form included."""
    draft = ProcedureVersion.objects.get(pk=source.pk)
    draft.pk = None
    draft.procedure = procedure
    draft.number = number
    draft.status = VersionStatus.DRAFT
    draft.published_at = draft.expired_at = draft.effective_to = None
    draft.effective_from = None
    draft.created_by = actor
    draft.save()
    for relation in CHILD_RELATIONS:
        manager = getattr(source, relation)
        children = list(manager.all())
        for child in children:
            child.pk = None
            child.version = draft
        manager.model.objects.bulk_create(children)
    return draft


@transaction.atomic
def procedure_adapt(*, procedure: Procedure, agencies: list[Agency], actor) -> ProcedureVersion:
    """A local variant of a shared procedure for `agencies` (those of its agencies the actor
    administers): a new procedure coded `<national code>.<agency code>`, whose first version
    is a draft copied from the shared one's newest version, to edit with the usual pages and
    the e-form editor. The shared procedure does not change until the variant is published
    (see version_publish). Adapting again returns the variant's open draft, or a new one."""
    agencies = sorted(agencies, key=lambda agency: agency.code)
    if not agencies:
        raise ValidationError(_("You administer none of the agencies of this procedure."))
    Procedure.objects.select_for_update().get(pk=procedure.pk)
    local_code = f"{procedure.national_code}.{agencies[0].code}"
    variant = Procedure.objects.filter(
        national_code=procedure.national_code, local_code=local_code
    ).first()
    if variant is not None:
        return version_draft(procedure=variant, actor=actor)
    source = procedure.versions.order_by(
        # The version in force when there is one, not a draft someone else is writing.
        models.Case(models.When(status=VersionStatus.PUBLISHED, then=0), default=1),
        "-number",
    ).first()
    variant = Procedure.objects.create(
        national_code=procedure.national_code, local_code=local_code, adapted_from=procedure
    )
    variant.agencies.set(agencies)
    draft = _copy_as_draft(source, procedure=variant, number=1, actor=actor)
    _audit(
        "procedure_adapt",
        draft,
        actor,
        adapted_from=procedure.code,
        source_version=source.number,
        agencies=[agency.code for agency in agencies],
    )
    return draft


@transaction.atomic
def version_save(
    *, version: ProcedureVersion, actor, fields: dict, children=None
) -> ProcedureVersion:
    """Change a draft: its own values, then its tables through `children()` (a callable that
    saves them and returns what changed), all under a lock on the version row.

    The lock and the fresh status check matter: a page loaded before the draft was published
    must not write into the now-published version."""
    locked = ProcedureVersion.objects.select_for_update().select_related("procedure", "field")
    version = locked.get(pk=version.pk)
    if not version.is_editable:
        raise ValidationError(_("Only a draft can be changed; published versions never change."))
    old = {name: getattr(version, name) for name in fields}
    for name, value in fields.items():
        setattr(version, name, value)
    version.search_text = version_search_text(version)
    version.save()
    changed_tables = children() if children else {}
    audit_record(
        action="version_save",
        actor=actor,
        agency_code=_agency_code(version.procedure),
        obj=version,
        object_repr=str(version)[:255],
        old={name: _plain(value) for name, value in old.items()},
        new={
            **{name: _plain(value) for name, value in fields.items()},
            "rows_changed": {k: v for k, v in changed_tables.items() if v},
        },
    )
    return version


def _plain(value):
    return getattr(value, "pk", value)


def _agency_code(procedure: Procedure) -> str:
    first = procedure.agencies.order_by("code").first()
    return first.code if first else ""


@transaction.atomic
def version_publish(
    *, version: ProcedureVersion, actor, effective_from: date | None = None
) -> ProcedureVersion:
    """Make a draft the procedure's current version; the version it replaces expires."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    problems = publication_problems(version)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    effective_from = effective_from or timezone.localdate()
    current = version.procedure.versions.filter(status=VersionStatus.PUBLISHED).first()
    if current is not None:
        current.status = VersionStatus.EXPIRED
        current.expired_at = now
        current.effective_to = effective_from
        current.save(update_fields=["status", "expired_at", "effective_to"])
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.effective_from = effective_from
    version.search_text = version_search_text(version)
    version.save(update_fields=["status", "published_at", "effective_from", "search_text"])
    _audit("version_publish", version, actor, replaced=current.number if current else None)
    _hand_over_from_shared(version, actor)
    return version


def _hand_over_from_shared(version: ProcedureVersion, actor) -> None:
    """A published local variant replaces the shared procedure for its agencies: they leave
    the shared one, so their counters and notice boards list one procedure, not two."""
    shared = version.procedure.adapted_from
    if shared is None:
        return
    leaving = set(version.procedure.agencies.values_list("pk", flat=True)) & set(
        shared.agencies.values_list("pk", flat=True)
    )
    if not leaving:
        return
    shared.agencies.remove(*leaving)
    audit_record(
        action="procedure_agencies_handed_over",
        actor=actor,
        agency_code=_agency_code(version.procedure),
        obj=shared,
        old={"agencies": sorted(leaving)},
        new={"variant": version.procedure.code},
    )


@transaction.atomic
def procedure_expire(*, procedure: Procedure, actor, effective_to: date | None = None) -> None:
    """Take the procedure off the public lists; its versions stay for the dossiers that use them."""
    current = procedure.versions.select_for_update().filter(status=VersionStatus.PUBLISHED).first()
    if current is None:
        raise ValidationError(_("This procedure has no published version to expire."))
    current.status = VersionStatus.EXPIRED
    current.expired_at = timezone.now()
    current.effective_to = effective_to or timezone.localdate()
    current.save(update_fields=["status", "expired_at", "effective_to"])
    _audit("procedure_expire", current, actor)


def publication_problems(version: ProcedureVersion) -> list[str]:
    """What stops a draft from being published, in words an administrator can act on."""
    problems = []
    channels = list(version.channels.all())
    open_channels = [channel for channel in channels if channel.available]
    if not open_channels:
        problems.append(_("Open at least one channel (counter, online or post)."))
    for channel in open_channels:
        if channel.term_value is None:
            problems.append(
                _("Give the time limit for the channel “%(channel)s”.")
                % {"channel": channel.get_channel_display()}
            )
    if not version.documents.exists():
        problems.append(_("List at least one required document."))
    problems += _fee_problems(version)
    return problems


def _fee_problems(version: ProcedureVersion) -> list[str]:
    """Fee rules that cannot be computed: links to e-form fields that are gone, or an online
    procedure whose quantities nobody would enter (no counter officer sees an online form)."""
    number_fields = set(
        version.form_fields.filter(field_type=FieldType.NUMBER).values_list("key", flat=True)
    )
    problems = []
    for fee in version.fees.all():
        found = link_problems(
            fee.unit,
            pages_field=fee.pages_field,
            count_field=fee.count_field,
            number_fields=number_fields,
        )
        problems += [f"{fee.name}: {message}" for _field, message in found]
        online = version.online_level != OnlineLevel.NONE and fee.channel in ("", Channel.ONLINE)
        unread = [name for name in needs(fee.rule) if not getattr(fee, f"{name}_field")]
        if online and unread:
            problems.append(
                _(
                    "The fee “%(fee)s” is computed from quantities and the procedure is offered "
                    "online: read them from the e-form's number fields."
                )
                % {"fee": fee.name}
            )
    return problems
