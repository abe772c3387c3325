"""The form an agency administrator fills to define one e-form field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.eform import OPTIONAL_SETTINGS, definition_problems, relevant_settings
from catalog.models import EFormField, ProcedureVersion

LINE_MAX_LENGTH = 255
LINES_MAX = 100


class LinesField(forms.CharField):
    """A list typed one item per line in a text area; blank lines are skipped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(item).strip() for item in value if str(item).strip()]
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > LINES_MAX:
            raise forms.ValidationError(
                _("At most %(limit)d lines."), code="too_many", params={"limit": LINES_MAX}
            )
        for line in value:
            if len(line) > LINE_MAX_LENGTH:
                raise forms.ValidationError(
                    _("Each line at most %(limit)d characters."),
                    code="too_long",
                    params={"limit": LINE_MAX_LENGTH},
                )

    def run_validators(self, value):
        return None  # CharField's length validators would count lines, not characters


class EFormFieldForm(forms.ModelForm):
    """Never saved directly: views hand `cleaned_data` to catalog.services_eform."""

    key = forms.SlugField(
        label=_("Field key"),
        max_length=64,
        required=False,
        help_text=_(
            "Short technical name, unique in the form (letters without accents, digits, _). "
            "Leave empty to make it from the label."
        ),
    )
    choices = LinesField(label=_("Options (for a choice)"), help_text=_("One option per line."))
    columns = LinesField(
        label=_("Column titles (for a table)"), help_text=_("One column title per line.")
    )

    class Meta:
        model = EFormField
        fields = [
            "label",
            "field_type",
            "required",
            "help_text",
            "key",
            "choices",
            "columns",
            "min_length",
            "max_length",
            "min_value",
            "max_value",
            "pattern",
            "prefill_from",
        ]
        widgets = {"label": forms.TextInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, version: ProcedureVersion, **kwargs):
        kwargs.setdefault("instance", EFormField(version=version))
        super().__init__(*args, **kwargs)
        self.version = version

    def clean_key(self):
        key = self.cleaned_data["key"]
        others = self.version.form_fields.exclude(pk=self.instance.pk)
        if key and others.filter(key=key).exists():
            raise forms.ValidationError(
                _("Another field of this form already uses the key “%(key)s”."),
                code="duplicate",
                params={"key": key},
            )
        return key

    def clean(self):
        cleaned = super().clean()
        field_type = cleaned.get("field_type")
        if not field_type:
            return cleaned
        # Only the settings the type uses are checked: they are the only ones saved.
        used = relevant_settings(field_type)
        settings = {
            name: cleaned.get(name) if name in used and cleaned.get(name) is not None else empty()
            for name, empty in OPTIONAL_SETTINGS.items()
        }
        for name, messages in definition_problems(field_type=field_type, **settings).items():
            for message in messages:
                self.add_error(name, message)
        return cleaned
