"""Forms an agency administrator uses: the agency's contact details and hours, its staff."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.phones import PhoneField
from org.models import Role

_TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%H.%M"]


def _time_field(label, help_text=""):
    # A text field, not type=time: browsers would show their own locale's 12-hour clock.
    return forms.TimeField(
        label=label,
        help_text=help_text,
        input_formats=_TIME_FORMATS,
        widget=forms.TimeInput(
            format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric", "size": 6}
        ),
        error_messages={
            "required": _("Enter a time as hh:mm, e.g. 07:30."),
            "invalid": _("Enter a time as hh:mm, e.g. 07:30."),
        },
    )


class AgencyContactForm(forms.Form):
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        required=False,
        help_text=_("Where citizens come: house number, street, commune, province."),
        error_messages={"max_length": _("The address is too long (at most 255 characters).")},
    )
    phone = PhoneField(label=_("Phone"), required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as motcua@hanoi.gov.vn.")},
    )
    opens_at = _time_field(_("Opens at"))
    same_day_cutoff = _time_field(
        _("Same-day cut-off"),
        _("Dossiers with a same-day term received after this time are due next day."),
    )
    closes_at = _time_field(_("Closes at"))

    def clean(self):
        data = super().clean()
        opens, cutoff, closes = (data.get(k) for k in ("opens_at", "same_day_cutoff", "closes_at"))
        if opens and cutoff and closes and not opens < cutoff <= closes:
            raise forms.ValidationError(
                _("Opening time, same-day cut-off and closing time must be in this order.")
            )
        return data


def role_choice(agency_id: int, role: str) -> str:
    return f"{agency_id}:{role}"


class RolesField(forms.MultipleChoiceField):
    """Roles as "<agency id>:<role>" choices, limited to the agencies the administrator runs."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, agencies, **kwargs):
        self.agencies = list(agencies)
        choices = [
            (role_choice(agency.pk, value), label)
            for agency in self.agencies
            for value, label in Role.choices
        ]
        super().__init__(
            choices=choices,
            label=_("Roles"),
            error_messages={
                "required": _("Give the staff member at least one role."),
                "invalid_choice": _("Choose roles from the list."),
            },
            **kwargs,
        )

    def grants(self, values) -> set[tuple[int, str]]:
        pairs = (value.split(":", 1) for value in values)
        return {(int(agency_id), role) for agency_id, role in pairs}


class _RolesMixin:
    def _add_roles(self, agencies):
        self.fields["roles"] = RolesField(agencies=agencies)

    def grants(self) -> set[tuple[int, str]]:
        return self.fields["roles"].grants(self.cleaned_data["roles"])

    def role_groups(self):
        """The role checkboxes grouped by agency, for one fieldset each."""
        field = self["roles"]
        by_value = {box.data["value"]: box for box in field}
        return [
            (
                agency,
                [by_value[role_choice(agency.pk, value)] for value in Role.values],
            )
            for agency in self.fields["roles"].agencies
        ]


class StaffCreateForm(_RolesMixin, forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        min_length=3,
        help_text=_("Lower-case letters, digits and . _ - only, e.g. hoankiem.tiepnhan2."),
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9._-]+$",
                _("Use lower-case letters without accents, digits and . _ - only."),
            )
        ],
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
        error_messages={
            "required": _("Enter a username."),
            "min_length": _("The username has at least 3 characters."),
        },
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Enter the staff member's full name.")},
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_roles(agencies)

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class StaffRolesForm(_RolesMixin, forms.Form):
    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_roles(agencies)
