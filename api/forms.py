"""The agency administrator's form for a new API client."""

from django import forms
from django.utils.translation import gettext_lazy as _

from api.services import CLIENT_ROLES
from core.forms import AgencyChoiceField
from org.models import Role


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the client"),
        max_length=100,
        help_text=_("The system that will use the key, e.g. “Provincial dashboard”."),
        error_messages={"required": _("Give the client a name: the system that will use the key.")},
    )
    agency = AgencyChoiceField(
        label=_("Agency"),
        queryset=None,
        empty_label=None,
        help_text=_("The key sees only this agency's dossiers (and those below it)."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Acts as"),
        choices=[(role, Role(role).label) for role in CLIENT_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the client may do follows these roles, as for a member of staff."),
        error_messages={"required": _("Choose at least one role for the client.")},
    )
    can_write = forms.BooleanField(
        label=_("May write (receive dossiers, move them along the workflow)"),
        required=False,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
