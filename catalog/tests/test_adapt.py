"""An agency administrator adapts a shared (seeded) procedure: a local variant for their agency,
drafted from the shared version, edited with the usual pages and the e-form editor; published,
it replaces the shared procedure for that agency only."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.models import EFormField, Procedure, VersionStatus
from catalog.tests.builders import published
from conftest import login_verified
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(cast):
    """Like the seed: one procedure handled by every commune committee, with an e-form."""
    version = published(
        code="1.001193", name="Đăng ký khai sinh", agencies=[cast.committee_a, cast.committee_b]
    )
    EFormField.objects.create(version=version, key="ho_ten", label="Họ tên người được khai sinh")
    return version.procedure


def _adapt(client, procedure):
    return client.post(reverse("catalog:staff-adapt", args=[procedure.pk]))


def test_the_administrator_of_one_commune_is_offered_to_adapt_a_shared_procedure(
    client, cast, shared
):
    login_verified(client, cast.ada)
    page = client.get(reverse("catalog:staff-procedure", args=[shared.pk])).content.decode()
    assert "Điều chỉnh cho cơ quan của bạn" in page
    assert reverse("catalog:staff-adapt", args=[shared.pk]) in page
    # The shared procedure itself stays closed to one commune's administrator.
    assert client.get(reverse("catalog:staff-edit", args=[shared.pk])).status_code == 404


def test_adapting_drafts_a_local_variant_that_its_administrator_edits(client, cast, shared):
    login_verified(client, cast.ada)
    response = _adapt(client, shared)
    variant = Procedure.objects.get(adapted_from=shared)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:staff-procedure", args=[variant.pk])
    assert variant.national_code == "1.001193"
    assert variant.local_code == f"1.001193.{cast.committee_a.code}"
    assert list(variant.agencies.all()) == [cast.committee_a]
    draft = variant.versions.get()
    assert (draft.number, draft.status) == (1, VersionStatus.DRAFT)
    assert draft.name == "Đăng ký khai sinh"
    assert list(draft.documents.values_list("name", flat=True)) == ["Tờ khai theo mẫu"]
    assert list(draft.form_fields.values_list("key", flat=True)) == ["ho_ten"]
    for name in ("staff-edit", "eform-editor"):
        assert client.get(reverse(f"catalog:{name}", args=[variant.pk])).status_code == 200
    # The shared procedure is untouched until the variant is published.
    assert set(shared.agencies.all()) == {cast.committee_a, cast.committee_b}
    event = AuditEvent.objects.get(action="procedure_adapt")
    assert event.actor == cast.ada
    assert event.new_values["adapted_from"] == "1.001193"


def test_adapting_again_opens_the_same_variant(client, cast, shared):
    login_verified(client, cast.ada)
    _adapt(client, shared)
    _adapt(client, shared)
    assert Procedure.objects.filter(adapted_from=shared).count() == 1


def test_a_published_variant_replaces_the_shared_procedure_for_its_agency_only(
    client, cast, shared
):
    login_verified(client, cast.ada)
    _adapt(client, shared)
    variant = Procedure.objects.get(adapted_from=shared)
    response = client.post(reverse("catalog:staff-publish", args=[variant.pk]))
    assert response.status_code == 302
    assert variant.versions.get().status == VersionStatus.PUBLISHED
    assert list(shared.agencies.all()) == [cast.committee_b]
    assert AuditEvent.objects.filter(action="procedure_agencies_handed_over").exists()
    assert shared.versions.filter(status=VersionStatus.PUBLISHED).exists()


def test_officers_cannot_adapt_and_nobody_adapts_another_communes_procedure(client, cast, shared):
    other = published(code="1.000002", name="Thủ tục của xã Bình", agencies=[cast.committee_b])
    client.force_login(cast.alice)
    assert _adapt(client, shared).status_code == 403
    login_verified(client, cast.ada)
    assert _adapt(client, other.procedure).status_code == 404
    assert not Procedure.objects.filter(adapted_from__isnull=False).exists()


def test_a_procedure_the_administrator_owns_is_edited_not_adapted(client, cast):
    own = published(code="1.000001", name="Thủ tục của xã An", agencies=[cast.committee_a])
    login_verified(client, cast.ada)
    page = client.get(reverse("catalog:staff-procedure", args=[own.procedure_id])).content.decode()
    assert "Điều chỉnh cho cơ quan của bạn" not in page
    assert _adapt(client, own.procedure).status_code == 404


def test_the_variant_service_refuses_an_empty_agency_list(cast, shared):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.procedure_adapt(procedure=shared, agencies=[], actor=cast.ada)
