"""Phone numbers, one rule wherever they enter: parsed with `phonenumbers`, stored in one
format, shown grouped (docs/decisions/0010-one-place-for-each-rule.md).

Stored: a Vietnamese number as its national digits ("0912345678", "02438251234"), which is
what officers type, search and read aloud; a foreign number, which has no Vietnamese national
form, as E.164 ("+33142685300").
"""

import re
import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "VN"
# Longer than any number written with spaces, brackets and a country code.
MAX_INPUT_LENGTH = 32
_SEPARATORS = re.compile(r"[\s.\-()/]")
_ALLOWED = re.compile(r"\+?\d+")


class InvalidPhone(ValueError):
    """The text is not a phone number that can be called."""


def normalise_phone(raw: str) -> str:
    """'0912 345 678', '+84 912345678', '84912345678' → '0912345678'; '' → ''.

    Raises InvalidPhone for anything that is not a valid number: letters, too few digits,
    a prefix no network uses.
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return ""
    compact = _SEPARATORS.sub("", text)
    if len(text) > MAX_INPUT_LENGTH or not _ALLOWED.fullmatch(compact):
        raise InvalidPhone(raw)
    # "84912345678": the country code typed without its plus, as contact lists often store it.
    if compact.startswith("84") and len(compact) == 11:
        compact = f"+{compact}"
    # "+84 (0) 912 345 678": the trunk zero some people keep after the country code.
    if compact.startswith("+840"):
        compact = f"+84{compact[4:]}"
    try:
        number = phonenumbers.parse(compact, REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhone(raw) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    if phonenumbers.region_code_for_number(number) == REGION:
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return re.sub(r"\D", "", national)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(stored: str) -> str:
    """'0912345678' → '0912 345 678', '02438251234' → '024 3825 1234'; a foreign number in
    its international form; anything unparsable exactly as stored."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, REGION)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    if phonenumbers.region_code_for_number(number) == REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


INVALID_MESSAGE = _(
    "“%(value)s” is not a phone number. Enter a mobile or landline number, e.g. 0912 345 678 "
    "or +84 912 345 678."
)


def validate_phone(value: str) -> None:
    """Model validator: the value must already be in the stored format."""
    try:
        normalised = normalise_phone(value)
    except InvalidPhone:
        normalised = None
    if value and normalised != value:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone", params={"value": value})


class PhoneField(forms.CharField):
    """A phone number as people write it; cleaned to the stored format."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_INPUT_LENGTH)
        kwargs.setdefault("label", _("Phone"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return normalise_phone(text.replace("\x00", ""))
        except InvalidPhone:
            raise ValidationError(
                INVALID_MESSAGE, code="invalid_phone", params={"value": text[:MAX_INPUT_LENGTH]}
            ) from None


def normalise_stored_phones(model, *, field: str = "phone", out=None) -> tuple[int, list]:
    """For data migrations: rewrite every stored number of `model` in the stored format.
    A value that is no number is left as it is and its row's key reported (never the value:
    the output may reach a log). Returns (rows changed, keys left)."""
    changed, left = [], []
    rows = model.objects.exclude(**{field: ""}).only("pk", field).order_by("pk")
    for row in rows.iterator(chunk_size=2000):
        value = getattr(row, field)
        try:
            normalised = normalise_phone(value)
        except InvalidPhone:
            left.append(row.pk)
            continue
        if normalised != value:
            setattr(row, field, normalised)
            changed.append(row)
    model.objects.bulk_update(changed, [field], batch_size=500)
    if left and out is not None:
        out.write(
            f"\n  {model._meta.label}.{field}: {len(left)} value(s) are not phone numbers and "
            f"were left as stored; rows {', '.join(str(key) for key in left[:50])}"
            f"{' …' if len(left) > 50 else ''}\n"
        )
    return len(changed), left
