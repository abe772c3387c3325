"""Small builders over the real services, for tests that need published procedures."""

from catalog import services
from catalog.models import ChannelTerm, Fee, ProcedureField, RequiredDocument


def field(code="HT", name="Hộ tịch") -> ProcedureField:
    return ProcedureField.objects.get_or_create(code=code, defaults={"name": name})[0]


def published(
    *,
    code="1.001193",
    name="Thủ tục đăng ký khai sinh",
    field_code="HT",
    field_name="Hộ tịch",
    agencies=(),
    online_level="none",
    postal=False,
    days=0,
    fee=0,
    actor=None,
):
    """A procedure published through the same services an administrator uses."""
    draft = services.procedure_create(
        actor=actor,
        national_code=code,
        name=name,
        field=field(field_code, field_name),
        agencies=agencies,
        online_level=online_level,
        postal_receipt=postal,
        postal_return=postal,
    )
    ChannelTerm.objects.filter(version=draft).update(term_value=days)
    RequiredDocument.objects.create(version=draft, name="Tờ khai theo mẫu", originals=1)
    Fee.objects.create(version=draft, name="Lệ phí", amount=fee)
    return services.version_publish(version=draft, actor=actor)
