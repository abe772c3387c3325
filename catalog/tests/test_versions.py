"""Versioning: published versions never change, edits make new versions, history is kept."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from catalog import services
from catalog.models import (
    ChannelTerm,
    EFormField,
    Fee,
    FieldType,
    ProcedureVersion,
    RequiredDocument,
    VersionStatus,
)
from catalog.selectors import CatalogueFilter, notice_board, procedure_search
from catalog.tests.builders import field, published
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_editing_a_published_procedure_creates_a_new_draft_and_leaves_the_published_one():
    v1 = published()
    draft = services.version_draft(procedure=v1.procedure, actor=None)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    services.version_save(version=draft, actor=None, fields={"name": "Đăng ký khai sinh (mới)"})
    draft.fees.update(amount=8000)
    v1.refresh_from_db()
    assert v1.name == "Thủ tục đăng ký khai sinh"
    assert list(v1.fees.values_list("amount", flat=True)) == [0]
    assert draft.documents.count() == v1.documents.count() == 1


def test_a_version_pinned_by_a_dossier_never_changes_when_the_next_one_is_published():
    v1 = published()
    pinned = ProcedureVersion.objects.get(pk=v1.pk)  # what a dossier would keep
    draft = services.version_draft(procedure=v1.procedure, actor=None)
    services.version_save(version=draft, actor=None, fields={"name": "Tên mới"})
    draft = services.version_publish(version=draft, actor=None)
    pinned.refresh_from_db()
    assert pinned.name == "Thủ tục đăng ký khai sinh"
    assert pinned.status == VersionStatus.EXPIRED
    assert pinned.effective_to == draft.effective_from
    with pytest.raises(ValidationError):
        services.version_save(version=pinned, actor=None, fields={"name": "đổi"})


def test_publishing_expires_the_previous_version_with_its_end_date():
    v1 = published()
    draft = services.version_draft(procedure=v1.procedure, actor=None)
    v2 = services.version_publish(version=draft, actor=None)
    v1.refresh_from_db()
    assert v1.status == VersionStatus.EXPIRED
    assert v1.effective_to == v2.effective_from
    assert v1.procedure.versions.filter(status=VersionStatus.PUBLISHED).get() == v2


def test_asking_for_a_draft_twice_gives_the_same_draft():
    v1 = published()
    first = services.version_draft(procedure=v1.procedure, actor=None)
    second = services.version_draft(procedure=v1.procedure, actor=None)
    assert first.pk == second.pk


def test_the_database_refuses_two_published_versions_of_one_procedure():
    v1 = published()
    copy = ProcedureVersion.objects.get(pk=v1.pk)
    copy.pk, copy.number = None, 9
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_a_draft_without_time_limits_or_documents_cannot_be_published():
    draft = services.procedure_create(
        actor=None, national_code="2.000815", name="Chứng thực bản sao", field=field()
    )
    with pytest.raises(ValidationError) as error:
        services.version_publish(version=draft, actor=None)
    text = " ".join(error.value.messages)
    assert "thời hạn" in text.lower() or "time limit" in text.lower()
    assert draft.procedure.versions.filter(status=VersionStatus.PUBLISHED).count() == 0


def test_an_expired_procedure_leaves_the_public_lists_but_keeps_its_history():
    v1 = published(postal=True)
    assert list(procedure_search(CatalogueFilter())) == [v1]
    services.procedure_expire(procedure=v1.procedure, actor=None)
    assert list(procedure_search(CatalogueFilter())) == []
    assert list(notice_board("postal")) == []
    v1.refresh_from_db()
    assert v1.status == VersionStatus.EXPIRED
    assert ProcedureVersion.objects.filter(procedure=v1.procedure).count() == 1


def test_every_catalogue_change_is_audited():
    v1 = published()
    draft = services.version_draft(procedure=v1.procedure, actor=None)
    services.version_publish(version=draft, actor=None)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "procedure_create",
        "version_publish",
        "version_draft",
        "version_publish",
    ]


def _online_draft():
    draft = services.procedure_create(
        actor=None,
        national_code="2.000635",
        name="Cấp bản sao Trích lục hộ tịch",
        field=field(),
        online_level="full",
    )
    ChannelTerm.objects.filter(version=draft).update(term_value=0)
    RequiredDocument.objects.create(version=draft, name="Tờ khai", originals=1)
    return draft


def test_an_online_procedure_whose_fee_counts_copies_must_read_them_from_the_e_form(db):
    draft = _online_draft()
    fee = Fee.objects.create(version=draft, name="Phí cấp bản sao", amount=8000, unit="copy")
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        services.version_publish(version=draft, actor=None)
    assert refused.value.messages == [
        "Phí “Phí cấp bản sao” tính theo số lượng và thủ tục được thực hiện trực tuyến: "
        "hãy lấy số lượng từ các trường số của tờ khai."
    ]

    EFormField.objects.create(
        version=draft, key="copy_count", label="Số bản sao", field_type=FieldType.NUMBER
    )
    fee.count_field = "copy_count"
    fee.save()
    assert services.version_publish(version=draft, actor=None).status == VersionStatus.PUBLISHED


def test_a_fee_reading_an_e_form_field_that_is_gone_cannot_be_published(db):
    draft = _online_draft()
    Fee.objects.create(
        version=draft, name="Phí cấp bản sao", amount=8000, unit="copy", count_field="so_ban"
    )
    with translation.override("vi"):
        assert services.publication_problems(draft) == [
            "Phí cấp bản sao: Tờ khai của phiên bản này không có trường số “so_ban”."
        ]
