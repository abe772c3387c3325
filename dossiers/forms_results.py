"""The fields a workflow action adds for the result: the result document with the proposal
(draft) and the approval (signed final), and the collector when the result is returned at the
counter. ActionForm calls `add_result_fields`; the view reads `result_document_data` and
`collector_data`."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dossiers.files import validate_dossier_upload
from dossiers.models import ReturnMethod
from dossiers.models_results import CollectorKind, ResultStage
from dossiers.results import CollectorData, ResultDocumentData
from dossiers.workflow import Action

DATE_FORMAT = "%d/%m/%Y"
ID_NUMBER = re.compile(r"\d{12}|\d{9}")
STAGE_OF_ACTION = {Action.PROPOSE: ResultStage.DRAFT, Action.APPROVE: ResultStage.FINAL}


def add_result_fields(form: forms.Form, *, action: str, return_method: str = "") -> None:
    if action in STAGE_OF_ACTION:
        _add_document_fields(form, final=action == Action.APPROVE)
    if action == Action.RETURN_RESULT and return_method == ReturnMethod.COUNTER:
        _add_collector_fields(form)
    if action == Action.REJECT:
        # The leader's reason is for the specialist; nothing is sent to the applicant.
        form.label = _("send back to the specialist with a reason")
    if action == Action.REJECT and "reason" in form.fields:
        form.fields["reason"].help_text = _(
            "Goes back to the specialist who proposed the result, not to the applicant: say "
            "what to correct."
        )


def _add_document_fields(form: forms.Form, *, final: bool) -> None:
    form.fields["result_file"] = forms.FileField(
        label=_("Signed result document (file)") if final else _("Draft result document (file)"),
        required=False,
        help_text=(
            _("PDF, image or Word file. Without one, the draft's file is kept as the result.")
            if final
            else _("PDF, image or Word file of the draft decision, certificate or letter.")
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
    form.fields["result_number"] = forms.CharField(
        label=_("Number and symbol"),
        max_length=80,
        required=final,
        help_text=_("e.g. 125/QĐ-UBND") if final else _("If it already has one."),
        error_messages={"required": _("Give the number of the signed document.")},
    )
    form.fields["result_date"] = forms.DateField(
        label=_("Date of the document"),
        required=final,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(
            format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        error_messages={
            "required": _("Give the date of the signed document, as dd/mm/yyyy."),
            "invalid": _("Write the date as dd/mm/yyyy, e.g. 05/03/2026."),
        },
    )
    form.fields["result_note"] = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For the leader.") if not final else _("For the counter that returns it."),
    )
    form.has_files = True


def _add_collector_fields(form: forms.Form) -> None:
    form.fields["collector_kind"] = forms.ChoiceField(
        label=_("Who collects the result"),
        choices=CollectorKind.choices,
        widget=forms.RadioSelect,
        initial=CollectorKind.APPLICANT,
    )
    form.fields["collector_name"] = forms.CharField(
        label=_("Collector's full name"),
        max_length=150,
        error_messages={"required": _("Write the full name of the person collecting.")},
    )
    form.fields["collector_id"] = forms.CharField(
        label=_("Collector's ID number"),
        max_length=12,
        help_text=_("12-digit citizen ID (or 9-digit old ID), read from the card shown."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Write the number of the ID card shown.")},
    )
    form.fields["collector_id_checked"] = forms.BooleanField(
        label=_("I checked the ID card against the person"),
        error_messages={"required": _("Check the ID card against the person, then tick.")},
    )
    form.fields["collector_relationship"] = forms.CharField(
        label=_("Relationship to the applicant"),
        max_length=100,
        required=False,
        help_text=_("For an authorised person, e.g. con, vợ, nhân viên công ty."),
    )
    form.fields["collector_authorisation"] = forms.CharField(
        label=_("Authorisation document"),
        max_length=255,
        required=False,
        help_text=_(
            "For an authorised person: the letter of authorisation, its date and who certified it."
        ),
    )


def clean_result_fields(form: forms.Form, data: dict) -> None:
    """Checks across the fields; the file is checked here, before anything is written."""
    upload = data.get("result_file")
    if upload:
        try:
            validate_dossier_upload(upload)
        except ValidationError as error:
            form.add_error("result_file", error)
    if "collector_id" in form.fields and data.get("collector_id"):
        number = re.sub(r"\s", "", data["collector_id"])
        if not ID_NUMBER.fullmatch(number):
            form.add_error("collector_id", _("An ID number has 12 digits (9 on an old card)."))
        data["collector_id"] = number
    if data.get("collector_kind") == CollectorKind.AUTHORISED:
        if not (data.get("collector_relationship") or "").strip():
            form.add_error(
                "collector_relationship", _("Write how the authorised person is related.")
            )
        if not (data.get("collector_authorisation") or "").strip():
            form.add_error(
                "collector_authorisation", _("Write the authorisation document the person shows.")
            )


def result_document_data(form: forms.Form) -> ResultDocumentData | None:
    if "result_note" not in form.fields:
        return None
    data = form.cleaned_data
    return ResultDocumentData(
        number=data.get("result_number", ""),
        issued_on=data.get("result_date"),
        note=data.get("result_note", ""),
        upload=data.get("result_file") or None,
    )


def collector_data(form: forms.Form) -> CollectorData | None:
    if "collector_name" not in form.fields:
        return None
    data = form.cleaned_data
    return CollectorData(
        kind=data["collector_kind"],
        full_name=data["collector_name"],
        id_number=data["collector_id"],
        relationship=data.get("collector_relationship", ""),
        authorisation=data.get("collector_authorisation", ""),
    )
