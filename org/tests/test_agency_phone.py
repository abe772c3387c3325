"""The agency's phone: stored in the one format (core.phones), old values normalised."""

import io

import pytest
from django.core.exceptions import ValidationError

from core.phones import normalise_stored_phones
from org.models import Agency
from org.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_an_agency_phone_not_in_the_stored_format_is_refused():
    agency = AgencyFactory(phone="0912abc678")
    with pytest.raises(ValidationError) as refused:
        agency.full_clean()
    assert "phone" in refused.value.message_dict


def test_stored_numbers_are_normalised_and_unparsable_ones_reported_by_row_only():
    tidy = AgencyFactory(phone="+84 24 3825 1234")
    odd = AgencyFactory(phone="gọi 0912 345 678 giờ HC")
    already = AgencyFactory(phone="0912345678")
    out = io.StringIO()

    changed, left = normalise_stored_phones(Agency, out=out)

    assert (changed, left) == (1, [odd.pk])
    assert Agency.objects.get(pk=tidy.pk).phone == "02438251234"
    assert Agency.objects.get(pk=odd.pk).phone == "gọi 0912 345 678 giờ HC"
    assert Agency.objects.get(pk=already.pk).phone == "0912345678"
    assert f"rows {odd.pk}" in out.getvalue()
    assert "0912" not in out.getvalue()  # a report may reach a log: keys, never numbers
