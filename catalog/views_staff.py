"""Staff pages for the catalogue: agency administrators draft, publish and expire procedures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog import selectors, services
from catalog.forms_staff import FORMSETS, ProcedureNewForm, VersionForm
from catalog.models import VersionStatus
from org.access import is_system_admin, manageable_agency_ids, staff_required
from org.models import Agency, Role, StaffRole

MANAGERS = (Role.AGENCY_ADMIN,)


def _can_manage(user, procedure=None) -> bool:
    """May the user change catalogue entries (and this procedure, when given)?"""
    if procedure is not None:
        return selectors.procedures_manageable(user).filter(pk=procedure.pk).exists()
    return is_system_admin(user) or StaffRole.objects.filter(user=user, role__in=MANAGERS).exists()


def _context(request, **extra):
    return {
        "nav": "catalog",
        "can_manage": _can_manage(request.user, extra.get("procedure")),
        **extra,
    }


@staff_required()
def procedure_list(request):
    query = request.GET.get("q", "")[:200].replace("\x00", "")
    versions = selectors.procedures_for_staff(request.user, query=query)
    page = Paginator(versions, 25).get_page(request.GET.get("trang"))
    return render(
        request,
        "catalog/staff/list.html",
        _context(
            request,
            versions=page.object_list,
            page=page,
            query=query,
            query_string=urlencode({"q": query}) if query else "",
        ),
    )


@staff_required(*MANAGERS)
def procedure_new(request):
    agencies = Agency.objects.filter(is_active=True, id__in=manageable_agency_ids(request.user))
    form = ProcedureNewForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.procedure_create(
                actor=request.user,
                national_code=data["national_code"],
                local_code=data["local_code"],
                name=data["name"],
                field=data["field"],
                agencies=data["agencies"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft created. Fill in the details, then publish."))
            return redirect("catalog:staff-edit", pk=version.procedure_id)
    return render(request, "catalog/staff/new.html", _context(request, form=form))


@staff_required()
def procedure_manage(request, pk: int):
    procedure = selectors.procedure_for_staff(request.user, pk=pk)
    versions = procedure.versions.select_related("created_by").order_by("-number")
    current = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    return render(
        request,
        "catalog/staff/manage.html",
        _context(
            request,
            procedure=procedure,
            versions=versions,
            current=current,
            draft=draft,
            newest=versions[0],
            problems=services.publication_problems(draft) if draft else [],
            adapt_agencies=selectors.adaptation_agencies(request.user, procedure),
            adaptations=selectors.adaptations_for(request.user, procedure),
        ),
    )


@require_POST
@staff_required(*MANAGERS)
def procedure_adapt(request, pk: int):
    """A shared procedure (the seeded catalogue is shared by every commune) changes only by
    administrators of all its agencies; an agency's administrator adapts it instead: a local
    variant for their agency, drafted from the shared version, edited and published as usual."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk)
    agencies = selectors.adaptation_agencies(request.user, procedure)
    if not agencies:
        raise Http404
    draft = services.procedure_adapt(procedure=procedure, agencies=agencies, actor=request.user)
    messages.success(
        request,
        _(
            "A local variant %(code)s for your agency is drafted from the shared procedure: "
            "edit it and its e-form, then publish it. Until then citizens see the shared one."
        )
        % {"code": draft.procedure.code},
    )
    return redirect("catalog:staff-procedure", pk=draft.procedure_id)


@staff_required()
def version_detail(request, pk: int, number: int):
    procedure = selectors.procedure_for_staff(request.user, pk=pk)
    version = get_object_or_404(
        procedure.versions.prefetch_related(
            "channels", "fees", "documents", "steps", "form_fields"
        ),
        number=number,
    )
    return render(
        request,
        "catalog/staff/version.html",
        _context(request, procedure=procedure, version=version),
    )


@staff_required(*MANAGERS)
def version_edit(request, pk: int):
    """Edit the procedure's draft version (see version_start)."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    draft = procedure.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        messages.info(request, _("Start a new version to make changes."))
        return redirect("catalog:staff-procedure", pk=procedure.pk)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = VersionForm(data, instance=draft, prefix="version")
    formsets = {
        name: cls(data, files, instance=draft, prefix=name) for name, cls in FORMSETS.items()
    }
    if request.method == "POST":
        if form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            try:
                services.version_save(
                    version=draft,
                    actor=request.user,
                    fields={name: form.cleaned_data[name] for name in form.changed_data},
                    children=lambda: {
                        name: _save_in_order(formset) for name, formset in formsets.items()
                    },
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("catalog:staff-procedure", pk=procedure.pk)
            messages.success(request, _("The draft was saved."))
            return redirect("catalog:staff-procedure", pk=procedure.pk)
        messages.error(request, _("The draft was not saved: correct the fields marked below."))
    return render(
        request,
        "catalog/staff/edit.html",
        _context(request, procedure=procedure, draft=draft, form=form, formsets=formsets),
    )


def _save_in_order(formset) -> int:
    """Save the rows of a valid formset; rows keep the order they have on the page. Returns how
    many rows were added, changed or deleted (for the audit row)."""
    changed = sum(1 for row in formset.forms if row.has_changed())
    position = 0
    for row in formset.forms:
        if row.cleaned_data.get("DELETE"):
            if row.instance.pk:
                row.instance.delete()
            continue
        if not row.instance.pk and not row.has_changed():
            continue  # the empty row offered for a new entry
        item = row.save(commit=False)
        item.version = formset.instance
        if hasattr(item, "order"):
            item.order = position
        item.save()
        position += 1
    return changed


@require_POST
@staff_required(*MANAGERS)
def version_start(request, pk: int):
    """Start editing: a published procedure gets a new draft version; the published one stays."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    services.version_draft(procedure=procedure, actor=request.user)
    return redirect("catalog:staff-edit", pk=procedure.pk)


@require_POST
@staff_required(*MANAGERS)
def version_publish(request, pk: int):
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    draft = procedure.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        messages.error(request, _("There is no draft to publish."))
    else:
        try:
            services.version_publish(version=draft, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Version %(number)d is published.") % {"number": draft.number}
            )
    return redirect("catalog:staff-procedure", pk=procedure.pk)


@staff_required(*MANAGERS)
def procedure_expire(request, pk: int):
    """GET asks once, saying what will happen; POST withdraws the procedure."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    if request.method != "POST":
        current = procedure.versions.filter(status=VersionStatus.PUBLISHED).first()
        return render(
            request,
            "catalog/staff/expire.html",
            _context(request, procedure=procedure, current=current),
        )
    try:
        services.procedure_expire(procedure=procedure, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The procedure is no longer published. Its history is kept."))
    return redirect("catalog:staff-procedure", pk=procedure.pk)
