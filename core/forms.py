"""Form fields shared by every app: choices of rows that refuse, with the usual message, ids
no database column can hold (SQLite raises OverflowError on `pk__in` with 2**64)."""

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
