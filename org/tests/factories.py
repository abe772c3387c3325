import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from org.models import AdministrativeUnit, Agency, AgencyKind, Role, StaffRole, UnitLevel, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    level = UnitLevel.COMMUNE
    division_type = "xã"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"000.00.{n}.T99")
    name = factory.Sequence(lambda n: f"Trung tâm Phục vụ hành chính công số {n}")
    kind = AgencyKind.COMMUNE_CENTRE
    unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def give_role(user: User, agency: Agency, role: str = Role.RECEIVING_OFFICER) -> StaffRole:
    return StaffRole.objects.create(user=user, agency=agency, role=role)


def confirmed_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)
