"""Staff pages for a version's e-form: the editor (agency administrators, drafts only), the
preview and the printable declaration (any staff who can see the procedure, any version)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from catalog import selectors, services_eform
from catalog.declaration import declaration_rows
from catalog.eform import build_form_class, focus_first_error
from catalog.forms_eform import EFormFieldForm
from catalog.models import EFormField, FieldType, PrefillSource, VersionStatus
from catalog.views_staff import MANAGERS, _context
from org.access import staff_required

NO_DRAFT = gettext_noop("There is no draft to change: start a new version first.")


def _editor_url(procedure) -> str:
    return reverse("catalog:eform-editor", args=[procedure.pk])


def _field_of(procedure, field_pk: int) -> EFormField:
    """A field of any version of the procedure; the services refuse to change published ones."""
    return get_object_or_404(
        EFormField.objects.select_related("version__procedure"),
        pk=field_pk,
        version__procedure=procedure,
    )


def _back_to_field(procedure, field: EFormField, action: str) -> str:
    """The editor, with the focus back on the button just used (no JavaScript needed). No
    #fragment: browsers ignore `autofocus` when the address has one."""
    return f"{_editor_url(procedure)}?truong={field.pk}&lam={action}"


def _returned_to(request) -> tuple[int | None, str]:
    field_pk, action = request.GET.get("truong", ""), request.GET.get("lam", "")
    if not (field_pk.isascii() and field_pk.isdigit() and len(field_pk) < 18):
        return None, ""
    if action not in ("up", "down", "edit"):
        return None, ""
    return int(field_pk), action


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@staff_required(*MANAGERS)
def eform_editor(request, pk: int):
    """The draft's fields in order, each with its actions, and the form to add one."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    draft = procedure.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        if request.method == "POST":
            messages.error(request, _(NO_DRAFT))
        else:
            messages.info(request, _("Start a new version to change the e-form."))
        return redirect("catalog:staff-procedure", pk=procedure.pk)
    form = EFormFieldForm(request.POST or None, version=draft, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            field = services_eform.eform_field_add(
                version=draft, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Field “%(label)s” added.") % {"label": field.label})
            return redirect(_editor_url(procedure))  # the label is focused again
    returned_to = _returned_to(request)
    if returned_to[0] is None or form.errors:
        focus_first_error(form)
    return render(
        request,
        "catalog/eform/editor.html",
        _context(
            request,
            procedure=procedure,
            version=draft,
            fields=list(draft.form_fields.all()),
            form=form,
            focus_pk=returned_to[0],
            focus_action=returned_to[1],
        ),
    )


@staff_required(*MANAGERS)
def eform_field(request, pk: int, field_pk: int):
    """Edit one field of the draft."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    field = _field_of(procedure, field_pk)
    if not field.version.is_editable:
        _refused(request, ValidationError(_(NO_DRAFT)))
        return redirect("catalog:staff-procedure", pk=procedure.pk)
    form = EFormFieldForm(request.POST or None, version=field.version, instance=field)
    if request.method == "POST" and form.is_valid():
        try:
            services_eform.eform_field_update(
                field=field, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Field “%(label)s” saved.") % {"label": field.label})
            return redirect(_back_to_field(procedure, field, "edit"))
    focus_first_error(form)
    return render(
        request,
        "catalog/eform/field_edit.html",
        _context(request, procedure=procedure, version=field.version, eform_field=field, form=form),
    )


@require_POST
@staff_required(*MANAGERS)
def eform_move(request, pk: int, field_pk: int):
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    field = _field_of(procedure, field_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return redirect(_editor_url(procedure))
    try:
        services_eform.eform_field_move(field=field, actor=request.user, direction=direction)
    except ValidationError as error:
        _refused(request, error)
        return redirect("catalog:staff-procedure", pk=procedure.pk)
    return redirect(_back_to_field(procedure, field, direction))


@require_POST
@staff_required(*MANAGERS)
def eform_delete(request, pk: int, field_pk: int):
    """Asks once (a page saying what will happen), then deletes on the confirming POST."""
    procedure = selectors.procedure_for_staff(request.user, pk=pk, for_change=True)
    field = _field_of(procedure, field_pk)
    if request.POST.get("confirm") != "1" and field.version.is_editable:
        return render(
            request,
            "catalog/eform/delete.html",
            _context(request, procedure=procedure, version=field.version, eform_field=field),
        )
    try:
        services_eform.eform_field_delete(field=field, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("catalog:staff-procedure", pk=procedure.pk)
    messages.success(request, _("Field “%(label)s” deleted.") % {"label": field.label})
    return redirect(_editor_url(procedure))


def _version(request, pk: int, number: int):
    procedure = selectors.procedure_for_staff(request.user, pk=pk)
    version = procedure.versions.filter(number=number).select_related("procedure").first()
    if version is None:
        raise Http404
    return procedure, version, list(version.form_fields.all())


def _bound_form(request, fields):
    """The e-form, bound to the posted values, or to the query string when it carries any.

    The pages post: typed values (names, ID numbers) then stay out of addresses, browser
    history and access logs (R17). Query strings still work, for links made elsewhere."""
    form_class = build_form_class(fields)
    if request.method == "POST":
        return form_class(request.POST)
    if any(key in request.GET for key in form_class.base_fields):
        return form_class(request.GET)
    return form_class()


def _carried(form) -> list[tuple[str, str]]:
    """The values typed, as (name, value) pairs for hidden inputs: the declaration's buttons
    post them on to the large print or back to the preview."""
    if not form.is_bound:
        return []
    return [(name, value) for name in form.fields for value in form.data.getlist(name)]


@staff_required()
def eform_preview(request, pk: int, number: int):
    """The form as an officer or a citizen fills it; submitting shows the checks' messages."""
    procedure, version, fields = _version(request, pk, number)
    form = _bound_form(request, fields)
    valid = form.is_bound and form.is_valid()
    if not valid:
        form.focus_first_error()  # when valid, the template focuses the print button instead
    return render(
        request,
        "catalog/eform/preview.html",
        _context(request, procedure=procedure, version=version, form=form, valid=valid),
    )


@staff_required()
def eform_declaration(request, pk: int, number: int):
    """The printable declaration (tờ khai): dotted lines, or the values it is given."""
    procedure, version, fields = _version(request, pk, number)
    form = _bound_form(request, fields)
    values = {}
    if form.is_bound:
        form.is_valid()
        # Valid values as cleaned (dates, numbers formatted); the others as typed.
        values = {key: form.cleaned_data.get(key, form.data.get(key)) for key in form.fields}
    rows = declaration_rows(fields, values)
    applicant = next(
        (
            row.value
            for row, item in zip(rows, fields, strict=True)
            if item.prefill_from == PrefillSource.FULL_NAME and item.field_type == FieldType.TEXT
        ),
        "",
    )
    return render(
        request,
        "catalog/eform/declaration.html",
        _context(
            request,
            procedure=procedure,
            version=version,
            rows=rows,
            addressee=selectors.declaration_addressee_for(version, user=request.user),
            applicant=applicant,
            large=request.GET.get("lon") == "1",
            invalid=form.is_bound and bool(form.errors),
            carried=_carried(form),
        ),
    )
