"""Phone numbers: one parser, one stored format, one display, whatever way they enter."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from core.phones import (
    InvalidPhone,
    PhoneField,
    format_phone,
    normalise_phone,
    validate_phone,
)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("0912 345 678", "0912345678"),
        ("+84 912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("０９１２３４５６７８", "0912345678"),  # full-width digits from a phone keyboard
        ("024 3825 1234", "02438251234"),  # a Hà Nội landline
        ("(0236) 3821 234", "02363821234"),
        ("1900 1234", "19001234"),  # a hotline
        ("+33 1 42 68 53 00", "+33142685300"),  # a foreign number keeps its country code
        ("", ""),
        ("   ", ""),
    ],
)
def test_a_number_written_any_usual_way_is_stored_in_one_format(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "garbage",
    ["12345", "0912abc678", "0123456789", "0912345678910", "+84", "gọi tôi", "0912-345-678 ext 9"],
)
def test_garbage_is_not_a_phone_number(garbage):
    with pytest.raises(InvalidPhone):
        normalise_phone(garbage)


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("0912345678", "0912 345 678"),
        ("02438251234", "024 3825 1234"),
        ("+33142685300", "+33 1 42 68 53 00"),
        ("gọi trước 8 giờ", "gọi trước 8 giờ"),  # an old value that never parsed: as stored
        ("", ""),
    ],
)
def test_a_stored_number_is_shown_grouped(stored, shown):
    assert format_phone(stored) == shown
    rendered = Template("{% load motcua %}{{ value|phone }}").render(Context({"value": stored}))
    assert rendered == shown


class _Form(forms.Form):
    phone = PhoneField(required=False)


@pytest.mark.parametrize("typed", ["0912 345 678", "+84 912345678", "84912345678"])
def test_the_form_field_accepts_the_usual_ways_of_writing_a_number(typed):
    form = _Form({"phone": typed})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == "0912345678"


def test_the_form_field_refuses_garbage_in_vietnamese():
    with translation.override("vi"):
        form = _Form({"phone": "0912abc678"})
        assert not form.is_valid()
        message = form.errors["phone"][0]
    assert "không phải là số điện thoại" in message
    assert "0912abc678" in message


def test_the_model_validator_accepts_only_the_stored_format():
    validate_phone("0912345678")
    validate_phone("")
    for value in ("0912 345 678", "+84912345678", "12345"):
        with pytest.raises(ValidationError):
            validate_phone(value)
