"""The e-form of a procedure version: the declaration (tờ khai) as ordered, typed fields.

The same definition drives the counter's assisted filling, the online form and the printed
declaration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .procedure import ProcedureVersion


class FieldType(models.TextChoices):
    TEXT = "text", _("short text")
    TEXTAREA = "textarea", _("long text")
    DATE = "date", _("date")
    NUMBER = "number", _("number")
    CHOICE = "choice", _("choice from a list")
    ID_NUMBER = "id_number", _("ID number (12 digits)")
    ADDRESS = "address", _("address")
    CHECKBOX = "checkbox", _("tick box")
    TABLE = "table", _("table")


class PrefillSource(models.TextChoices):
    """Where a value can be taken from instead of asking the citizen again."""

    NONE = "", _("— not prefilled —")
    FULL_NAME = "applicant.full_name", _("applicant's full name")
    ID_NUMBER = "applicant.id_number", _("applicant's ID number")
    BIRTH_DATE = "applicant.birth_date", _("applicant's date of birth")
    GENDER = "applicant.gender", _("applicant's gender")
    ADDRESS = "applicant.address", _("applicant's permanent address")
    PHONE = "applicant.phone", _("applicant's phone")
    EMAIL = "applicant.email", _("applicant's e-mail")


class EFormField(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="form_fields"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(
        _("key"),
        max_length=64,
        help_text=_("Short technical name, unique in the form, e.g. father_name."),
    )
    label = models.CharField(_("label"), max_length=255)
    field_type = models.CharField(
        _("type"), max_length=16, choices=FieldType.choices, default=FieldType.TEXT
    )
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For a choice: the options.")
    )
    columns = models.JSONField(
        _("table columns"), default=list, blank=True, help_text=_("For a table: column titles.")
    )
    min_length = models.PositiveIntegerField(_("minimum length"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    min_value = models.DecimalField(
        _("minimum value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    pattern = models.CharField(
        _("pattern"),
        max_length=200,
        blank=True,
        help_text=_("A regular expression the whole value must match (for specialists)."),
    )
    prefill_from = models.CharField(
        _("prefill from"), max_length=40, choices=PrefillSource.choices, blank=True
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("e-form field")
        verbose_name_plural = _("e-form fields")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_field_key_per_version")
        ]

    def __str__(self) -> str:
        return self.label
