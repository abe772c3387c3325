"""Factories for catalogue rows, for tests that need a version with everything on it.

They write rows directly, as an import does; tests of the editing workflow go through the
services instead (builders.py).
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.db.models import Max

from catalog.models import (
    Channel,
    ChannelTerm,
    EFormField,
    Fee,
    FeeMoment,
    FeeUnit,
    FieldType,
    PrefillSource,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredDocument,
    Step,
    TermUnit,
    VersionStatus,
)
from catalog.search import version_search_text

PUBLISHED_AT = datetime(2025, 7, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureField
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    national_code = factory.Sequence(lambda n: f"1.{900000 + n:06d}")
    local_code = ""

    @factory.post_generation
    def agencies(procedure, create, extracted, **kwargs):
        if create and extracted:
            procedure.agencies.set(extracted)


def _next_number(version) -> int:
    numbers = version.procedure.versions.aggregate(highest=Max("number"))
    return (numbers["highest"] or 0) + 1


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """Published by default; `draft=True` or `expired=True` for the other states."""

    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=VersionStatus.DRAFT, published_at=None, effective_from=None)
        expired = factory.Trait(
            status=VersionStatus.EXPIRED,
            effective_from=date(2024, 1, 1),
            effective_to=date(2025, 7, 1),
            published_at=PUBLISHED_AT - timedelta(days=547),
            expired_at=PUBLISHED_AT,
        )

    procedure = factory.SubFactory(ProcedureFactory)
    number = factory.LazyAttribute(_next_number)
    status = VersionStatus.PUBLISHED
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    field = factory.SubFactory(ProcedureFieldFactory)
    effective_from = date(2025, 7, 1)
    published_at = PUBLISHED_AT

    @factory.post_generation
    def index_for_search(version, create, extracted, **kwargs):
        # The services fill search_text on every save; rows made here get it the same way.
        version.search_text = version_search_text(version)
        if create:
            version.save(update_fields=["search_text"])


class ChannelTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChannelTerm

    version = factory.SubFactory(ProcedureVersionFactory)
    channel = Channel.DIRECT
    available = True
    term_value = 3
    term_unit = TermUnit.WORKING_DAYS
    term_text = "03 ngày làm việc"


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    version = factory.SubFactory(ProcedureVersionFactory)
    name = factory.Sequence(lambda n: f"Lệ phí số {n}")
    amount = 0
    collected_at = FeeMoment.AT_RECEIPT
    order = factory.Sequence(lambda n: n)


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    version = factory.SubFactory(ProcedureVersionFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ số {n}")
    originals = 1
    order = factory.Sequence(lambda n: n)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    version = factory.SubFactory(ProcedureVersionFactory)
    title = factory.Sequence(lambda n: f"Bước {n}")
    budget_value = Decimal("2")
    order = factory.Sequence(lambda n: n)


class EFormFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EFormField

    version = factory.SubFactory(ProcedureVersionFactory)
    key = factory.Sequence(lambda n: f"field_{n}")
    label = factory.Sequence(lambda n: f"Trường số {n}")
    order = factory.Sequence(lambda n: n)


def full_procedure(**kwargs) -> ProcedureVersion:
    """A version with everything the format carries: 3 channels, 4 fees (one per page with a
    cheaper rate from the third page and a cap, one per item), 3 documents, 2 steps and 6 form
    fields (a choice, a table, a prefilled one and the two the fee per page reads)."""
    version = ProcedureVersionFactory(
        competent_agency_note="Ủy ban nhân dân cấp xã",
        online_level="partial",
        postal_receipt=True,
        requirements="Người đi đăng ký phải xuất trình giấy tờ tùy thân.",
        legal_basis="Luật Hộ tịch 2014;\nNghị định 123/2015/NĐ-CP",
        result_type="Giấy khai sinh (bản chính)",
        publishing_decision="163/QĐ-BTP",
        sources=["https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"],
        unconfirmed=["online_level", "channels.term_value"],
        **kwargs,
    )
    ChannelTermFactory(
        version=version, channel=Channel.DIRECT, term_value=0, term_text="Trong ngày"
    )
    ChannelTermFactory(
        version=version,
        channel=Channel.ONLINE,
        term_value=8,
        term_unit=TermUnit.WORKING_HOURS,
        term_text="08 giờ làm việc",
    )
    ChannelTermFactory(
        version=version, channel=Channel.POSTAL, available=False, term_value=None, term_text=""
    )
    FeeFactory(version=version, name="Lệ phí đăng ký", note="Miễn cho hộ nghèo")
    FeeFactory(
        version=version,
        channel=Channel.ONLINE,
        name="Phí cấp bản sao",
        amount=8000,
        collected_at=FeeMoment.AT_RESULT,
    )
    # Certified copies (Circular 226/2016/TT-BTC), the quantities read from the e-form.
    FeeFactory(
        version=version,
        name="Phí chứng thực bản sao",
        amount=2000,
        unit=FeeUnit.PAGE,
        tiers=[{"from": 3, "rate": 1000}],
        cap_per_copy=200_000,
        pages_field="page_count",
        count_field="copy_count",
    )
    FeeFactory(
        version=version,
        name="Phí chứng thực chữ ký",
        amount=10_000,
        unit=FeeUnit.ITEM,
        item_name="trường hợp",
        minimum=10_000,
    )
    RequiredDocumentFactory(
        version=version,
        name="Tờ khai đăng ký khai sinh theo mẫu",
        template="catalog/templates/to-khai-khai-sinh.docx",
        filling_guide="Ghi đầy đủ, không tẩy xóa.",
    )
    RequiredDocumentFactory(version=version, name="Giấy chứng sinh", certified_copies=1)
    RequiredDocumentFactory(
        version=version,
        name="Văn bản ủy quyền",
        is_mandatory=False,
        condition="Khi người khác đi đăng ký thay",
        photocopies=2,
    )
    StepFactory(version=version, title="Tiếp nhận hồ sơ", responsible="Bộ phận Một cửa")
    StepFactory(
        version=version,
        title="Thẩm định và trình ký",
        description="Công chức tư pháp – hộ tịch kiểm tra.",
        budget_value=Decimal("1.50"),
        budget_unit=TermUnit.WORKING_DAYS,
    )
    EFormFieldFactory(
        version=version,
        key="applicant_name",
        label="Họ, chữ đệm, tên người đi đăng ký",
        required=True,
        max_length=100,
        prefill_from=PrefillSource.FULL_NAME,
    )
    EFormFieldFactory(
        version=version,
        key="gender",
        label="Giới tính của trẻ",
        field_type=FieldType.CHOICE,
        choices=["Nam", "Nữ"],
    )
    EFormFieldFactory(
        version=version,
        key="witnesses",
        label="Người làm chứng",
        field_type=FieldType.TABLE,
        columns=["Họ tên", "Số định danh"],
    )
    EFormFieldFactory(
        version=version,
        key="child_weight",
        label="Cân nặng khi sinh (kg)",
        field_type=FieldType.NUMBER,
        min_value=Decimal("0.50"),
        max_value=Decimal("9.99"),
    )
    for key, label in (("page_count", "Số trang của bản chính"), ("copy_count", "Số bản sao")):
        EFormFieldFactory(
            version=version, key=key, label=label, field_type=FieldType.NUMBER, min_value=1
        )
    return version
