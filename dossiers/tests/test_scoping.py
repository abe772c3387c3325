"""R5 for dossier files and printed forms, through org.access only: a dossier received in an
agency deep in the tree is seen from every agency above it, never from a sibling commune, in
the same number of queries however deep the tree is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import login_verified
from dossiers.models import DossierFile
from dossiers.services import ChecklistItem, dossier_receive
from dossiers.tests.conftest import reception_for
from org.models import Role
from org.tests.factories import AgencyFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def deep(office):
    """Commune A under a province; a desk inside the centre's section receives a dossier with a
    scan: province → commune committee → centre → section → desk."""
    office.province = AgencyFactory(name="Ủy ban nhân dân Tỉnh Hòa", kind="provincial_committee")
    office.committee_a.parent = office.province
    office.committee_a.save()
    office.section_a = AgencyFactory(name="Bộ phận một cửa", parent=office.centre_a)
    office.desk_a = AgencyFactory(name="Quầy 3", parent=office.section_a)
    office.paul = UserFactory(username="paul", full_name="Đỗ Văn Paul")
    give_role(office.paul, office.province, Role.INSPECTOR)
    checklist = [
        ChecklistItem(
            name="Tờ khai",
            originals=1,
            uploads=[SimpleUploadedFile("To khai.pdf", PDF, content_type="application/pdf")],
        )
    ]
    office.dossier = dossier_receive(
        reception=reception_for(office, receiving_agency=office.desk_a, checklist=checklist),
        actor=office.alice,
    )
    office.scan = DossierFile.objects.get(document__dossier=office.dossier)
    return office


def file_url(office) -> str:
    return reverse("dossiers:file", args=[office.dossier.pk, office.scan.pk])


def receipt_url(office) -> str:
    return reverse("dossiers:form", args=[office.dossier.pk, "01"])


@pytest.mark.parametrize("who", ["alice", "ivy", "paul", "sam"])
def test_a_dossier_received_deep_in_the_tree_is_seen_from_every_agency_above(client, deep, who):
    user = getattr(deep, who)
    if who == "sam":
        login_verified(client, user)  # a system administrator passes the second factor first
    else:
        client.force_login(user)
    assert client.get(file_url(deep)).status_code == 200
    assert client.get(receipt_url(deep)).status_code == 200


def test_a_sibling_commune_sees_neither_the_file_nor_the_form(client, deep):
    client.force_login(deep.bob)
    assert client.get(file_url(deep)).status_code == 404
    assert client.get(receipt_url(deep)).status_code == 404


def test_the_download_takes_the_same_queries_however_deep_the_tree(client, deep):
    def queries() -> int:
        client.force_login(deep.paul)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(file_url(deep)).status_code == 200
        return len(captured.captured_queries)

    before = queries()
    parent = deep.desk_a
    for depth in range(4):
        parent = AgencyFactory(name=f"Tổ {depth}", parent=parent)
    assert queries() == before
