import pytest

from dossiers.services import dossier_receive
from dossiers.tests.conftest import office, reception_for  # noqa: F401 - shared fixture
from payments.models import CollectionAccount
from payments.services_obligations import obligations_ensure


@pytest.fixture
def dossier(office):  # noqa: F811
    """A birth registration received at commune A's counter, owing its 8.000 đ fee."""
    received = dossier_receive(reception=reception_for(office), actor=office.alice)
    obligations_ensure(dossier=received)
    return received


@pytest.fixture
def account(office):  # noqa: F811
    return CollectionAccount.objects.create(
        agency=office.centre_a,
        bank_bin="970415",
        bank_name="VietinBank",
        account_number="113000123456",
        account_name="UBND XA AN",
    )
