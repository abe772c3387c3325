"""The document checklist of a reception form, shared by the counter's reception and the post
clerk's registration of an envelope: a tick box per required document and a scan beside it,
the scans checked before the reception service stores them, the mandatory documents required,
and the checklist as the reception service takes it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.files import validate_dossier_upload
from dossiers.services import ChecklistItem


class DocumentChecklist:
    """Mixed into a `forms.Form`: call `add_checklist_fields(version)` in `__init__`, and
    `clean_checklist(message)` in `clean`."""

    def add_checklist_fields(self, version, *, with_files: bool = True, scan_label=None) -> None:
        self.documents = list(version.documents.all())
        for document in self.documents:
            self.fields[f"doc_{document.pk}"] = forms.BooleanField(
                label=document.name, required=False
            )
            if with_files:
                self.fields[f"file_{document.pk}"] = forms.FileField(
                    label=scan_label or _("Scan or file"), required=False
                )

    def checklist(self):
        """(document, tick box, file input or None) per line of the checklist."""
        rows = []
        for document in self.documents:
            upload = f"file_{document.pk}"
            rows.append(
                (
                    document,
                    self[f"doc_{document.pk}"],
                    self[upload] if upload in self.fields else None,
                )
            )
        return rows

    def _ticked(self, document) -> bool:
        """Ticked or scanned, read from what was posted: it answers before cleaning too (a
        refusal lists what is missing without checking the rest of the form)."""
        name = f"doc_{document.pk}"
        ticked = self.fields[name].widget.value_from_datadict(self.data, self.files, name)
        return bool(ticked or self.files.get(f"file_{document.pk}"))

    def missing_documents(self) -> list:
        """Checklist lines neither ticked nor scanned, as the officer left them."""
        return [document for document in self.documents if not self._ticked(document)]

    def clean_checklist(self, incomplete: str) -> None:
        """Each scan checked on its own line (the reception service checks again when it
        stores them); a mandatory document missing refuses the form with `incomplete`, a
        message with %(documents)s."""
        data = self.cleaned_data
        for document in self.documents:
            name = f"file_{document.pk}"
            if data.get(name):
                try:
                    validate_dossier_upload(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        missing = [d.name for d in self.missing_documents() if d.is_mandatory]
        if missing:
            raise forms.ValidationError(
                incomplete % {"documents": "; ".join(missing)}, code="incomplete"
            )

    def checklist_items(self) -> list[ChecklistItem]:
        """The checklist as `dossiers.services.Reception` takes it."""
        data = self.cleaned_data
        return [
            ChecklistItem(
                name=document.name,
                required_id=document.pk,
                received=self._ticked(document),
                originals=document.originals,
                copies=document.certified_copies + document.photocopies,
                uploads=[data[f"file_{document.pk}"]] if data.get(f"file_{document.pk}") else [],
            )
            for document in self.documents
        ]
