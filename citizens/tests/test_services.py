"""Citizens from scanned cards, confirmed changes and consent, each leaving an audit row."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from citizens.cccd import FEMALE, CardData
from citizens.models import Citizen, Consent, ConsentPurpose
from citizens.selectors import citizen_by_id_number, citizen_for_prefill, has_consent
from citizens.services import (
    Difference,
    citizen_from_card,
    citizen_update,
    consent_grant,
    consent_withdraw,
)
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

ID = "001090012345"  # a made-up number in the card's format
AGENCY_A = "000.00.17.H01"
AGENCY_B = "000.00.18.H01"

CARD = CardData(
    id_number=ID,
    old_id_number="012345678",
    full_name="Nguyễn Văn An",
    birth_date=date(1990, 3, 15),
    gender="Nam",
    address="Thôn Đông, Xã An Khánh, Hoài Đức, Hà Nội",
    issued_on=date(2021, 4, 20),
)


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(username="alice", full_name="Nguyễn Thị Alice")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user(username="bob", full_name="Trần Văn Bob")


@pytest.fixture
def citizen(alice):
    return citizen_from_card(card=CARD, actor=alice, agency_code=AGENCY_A)[0]


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.values_list("action", flat=True))


def test_a_new_card_creates_a_citizen_with_a_folded_name_for_search(alice):
    citizen, differences = citizen_from_card(card=CARD, actor=alice, agency_code=AGENCY_A)
    assert differences == []
    assert citizen.id_number == ID
    assert citizen.full_name == "Nguyễn Văn An"
    assert citizen.search_name == "nguyen van an"
    assert citizen.address == CARD.address
    assert citizen_by_id_number(id_number=ID) == citizen


def test_creating_a_citizen_leaves_an_audit_row_without_the_id_number(alice):
    citizen, _ = citizen_from_card(card=CARD, actor=alice, agency_code=AGENCY_A)
    event = AuditEvent.objects.get(action="citizen_create")
    assert (event.actor, event.agency_code, event.object_id) == (alice, AGENCY_A, str(citizen.pk))
    assert event.object_repr == "Nguyễn Văn An"
    assert ID not in str(event.new_values) + event.object_repr


def test_a_citizen_found_by_id_number_is_reused_not_duplicated(citizen, bob):
    again, differences = citizen_from_card(card=CARD, actor=bob, agency_code=AGENCY_B)
    assert again == citizen
    assert differences == []
    assert Citizen.objects.count() == 1
    assert audit_actions() == ["citizen_create", "citizen_card_match"]


def test_a_changed_address_is_reported_and_not_overwritten(citizen, bob):
    moved = replace(CARD, address="Số 5 Phố Huế, Phường Hai Bà Trưng, Hà Nội")
    again, differences = citizen_from_card(card=moved, actor=bob)
    assert differences == [Difference(field="address", stored=CARD.address, card=moved.address)]
    again.refresh_from_db()
    assert again.address == CARD.address
    assert AuditEvent.objects.get(action="citizen_card_match").new_values == {
        "differences": ["address"]
    }


def test_a_card_without_the_old_id_number_is_not_a_difference(citizen, bob):
    newer = replace(CARD, old_id_number="")
    assert citizen_from_card(card=newer, actor=bob)[1] == []


def test_a_difference_does_not_show_personal_values_in_its_repr():
    difference = Difference(field="old_id_number", stored="012345678", card="098765432")
    assert "012345678" not in repr(difference)


def test_confirmed_changes_are_applied_and_audited_with_numbers_masked(citizen, bob):
    updated = citizen_update(
        citizen=citizen,
        changes={
            "address": "Số 5 Phố Huế, Hà Nội",
            "full_name": "Nguyễn Thị An",
            "gender": FEMALE,
            "phone": "0912345678",
        },
        actor=bob,
        agency_code=AGENCY_B,
    )
    updated.refresh_from_db()
    assert updated.address == "Số 5 Phố Huế, Hà Nội"
    assert updated.search_name == "nguyen thi an"
    assert updated.phone == "0912345678"
    event = AuditEvent.objects.get(action="citizen_update")
    assert event.actor == bob
    assert event.old_values["address"] == CARD.address
    assert event.new_values["address"] == "Số 5 Phố Huế, Hà Nội"
    assert "0912345678" not in str(event.new_values)
    assert set(event.new_values) == {"address", "full_name", "gender", "phone"}


def test_an_update_that_changes_nothing_writes_nothing(citizen, bob):
    citizen_update(citizen=citizen, changes={"address": CARD.address}, actor=bob)
    assert "citizen_update" not in audit_actions()


def test_the_id_number_cannot_be_changed_by_an_update(citizen, bob):
    with pytest.raises(ValueError, match="id_number"):
        citizen_update(citizen=citizen, changes={"id_number": "001090099999"}, actor=bob)
    citizen.refresh_from_db()
    assert citizen.id_number == ID


def test_an_invalid_value_is_refused_and_nothing_is_written(citizen, bob):
    with pytest.raises(ValidationError):
        citizen_update(citizen=citizen, changes={"old_id_number": "12ab"}, actor=bob)
    citizen.refresh_from_db()
    assert citizen.old_id_number == "012345678"
    assert "citizen_update" not in audit_actions()


def test_a_stored_citizen_does_not_prefill_a_dossier_without_consent(citizen):
    assert not has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE)
    assert citizen_for_prefill(id_number=ID) is None


def test_with_consent_to_reuse_a_stored_citizen_prefills_a_dossier(citizen, alice):
    consent = consent_grant(
        citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A
    )
    assert (consent.granted_by, consent.agency_code, consent.withdrawn_at) == (
        alice,
        AGENCY_A,
        None,
    )
    assert has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE)
    assert has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE, agency_code=AGENCY_A)
    assert not has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE, agency_code=AGENCY_B)
    assert citizen_for_prefill(id_number=ID) == citizen
    event = AuditEvent.objects.get(action="consent_grant")
    assert (event.actor, event.agency_code, event.object_id) == (alice, AGENCY_A, str(consent.pk))


def test_granting_consent_again_while_it_holds_keeps_one_row(citizen, alice):
    first = consent_grant(
        citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A
    )
    second = consent_grant(
        citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A
    )
    assert first == second
    assert Consent.objects.count() == 1
    assert audit_actions().count("consent_grant") == 1


def test_the_database_refuses_two_open_consents_for_the_same_purpose_and_agency(citizen, alice):
    consent_grant(citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            citizen=citizen,
            purpose=ConsentPurpose.REUSE,
            agency_code=AGENCY_A,
            granted_by=alice,
            granted_at=timezone.now(),
        )


def test_withdrawn_consent_stops_reuse_at_every_agency_but_keeps_its_history(citizen, alice, bob):
    with time_machine.travel("2026-03-02 08:00 +07:00", tick=False):
        consent_grant(
            citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A
        )
        consent_grant(
            citizen=citizen, purpose=ConsentPurpose.REUSE, actor=bob, agency_code=AGENCY_B
        )
    with time_machine.travel("2026-03-09 08:00 +07:00", tick=False):
        withdrawn = consent_withdraw(
            citizen=citizen,
            purpose=ConsentPurpose.REUSE,
            actor=bob,
            agency_code=AGENCY_B,
            note="Công dân yêu cầu rút lại sự đồng ý.",
        )
    assert len(withdrawn) == 2
    assert not has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE)
    assert citizen_for_prefill(id_number=ID) is None
    # What held a week earlier still reads as it was: a dossier prefilled then was lawful.
    last_week = datetime(2026, 3, 5, tzinfo=UTC)
    assert has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE, at=last_week)
    assert Consent.objects.filter(withdrawn_by=bob, withdrawn_at__isnull=False).count() == 2
    assert audit_actions().count("consent_withdraw") == 2


def test_consent_can_be_given_again_after_it_was_withdrawn(citizen, alice):
    consent_grant(citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A)
    consent_withdraw(
        citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A
    )
    consent_grant(citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A)
    assert has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE)
    assert Consent.objects.count() == 2


def test_consent_given_later_does_not_count_for_an_earlier_moment(citizen, alice):
    consent_grant(citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A)
    yesterday = timezone.now() - timedelta(days=1)
    assert not has_consent(citizen=citizen, purpose=ConsentPurpose.REUSE, at=yesterday)


def test_withdrawing_without_a_consent_writes_nothing(citizen, alice):
    assert (
        consent_withdraw(
            citizen=citizen, purpose=ConsentPurpose.REUSE, actor=alice, agency_code=AGENCY_A
        )
        == []
    )
    assert "consent_withdraw" not in audit_actions()


def test_a_phone_confirmed_at_the_counter_is_stored_in_the_one_format(citizen, bob):
    citizen_update(citizen=citizen, changes={"phone": "+84 912 345 678"}, actor=bob)
    citizen.refresh_from_db()
    assert citizen.phone == "0912345678"


def test_a_phone_that_is_no_number_is_refused_and_nothing_is_written(citizen, bob):
    with pytest.raises(ValidationError) as refused:
        citizen_update(citizen=citizen, changes={"phone": "0912abc678"}, actor=bob)
    assert "phone" in refused.value.message_dict
    citizen.refresh_from_db()
    assert citizen.phone == ""
    assert "citizen_update" not in audit_actions()
