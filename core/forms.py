"""Form fields shared by every app: choices of rows that refuse, with the usual message, ids
no database column can hold (SQLite raises OverflowError on `pk__in` with 2**64)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError

from core.converters import id_from


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows by primary key; a value that is not an id is an invalid choice."""

    def _check_values(self, value):
        if self.to_field_name in (None, "pk", "id"):
            for pk in value:
                if id_from(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)


# Dates typed on staff forms: dd/mm/yyyy, with a numeric keypad on phones.
DATE_FORMAT = "%d/%m/%Y"
DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
# Ten years is more than any report asks for, and keeps the dates inside what databases store.
LONGEST_PERIOD = timedelta(days=3660)


class AgencyChoiceField(forms.ModelChoiceField):
    """An agency picked by its name alone (the model's str adds the code)."""

    def label_from_instance(self, obj) -> str:
        return obj.name
