"""A small world for the bad-input suite: the two demo communes with their accounts and
catalogue, one dossier received at each counter, a guidance slip and a duty shift each.

Built once per module inside a transaction that is rolled back at the end, so the tests that
follow on the same worker see an empty database as usual."""

from dataclasses import dataclass, field

import pytest
from django.db import transaction

from dossiers.tests.conftest import office  # noqa: F401  (a fixture, used by name)


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role name → user (None: anonymous)
    values: dict = field(default_factory=dict)  # (url name, parameter) → valid values
    queries: dict = field(default_factory=dict)  # url name → query strings that open its form


def _receive_one(officer):
    from dossiers import selectors
    from dossiers.services import ApplicantData, ChecklistItem, Reception, dossier_receive

    version = selectors.receivable_versions(officer).order_by("pk").first()
    counter = selectors.receiving_agencies_of(officer)[0]
    competent = selectors.competent_agencies(officer, version)[0]
    reception = Reception(
        version=version,
        receiving_agency=counter,
        competent_agency=competent,
        applicant=ApplicantData(full_name="Nguyễn Văn Thử", id_number="001090012345"),
        checklist=[ChecklistItem(name=d.name, required_id=d.pk) for d in version.documents.all()],
    )
    return dossier_receive(reception=reception, actor=officer)


def build_world() -> World:
    from catalog.demo import catalog_seed
    from catalog.models import EFormField, Procedure, RequiredDocument
    from counter.demo import guidance_seed, roster_seed
    from counter.models import DutyShift, GuidanceSlip
    from disclosure.demo_drafts import drafts_seed
    from disclosure.models import Draft, DraftComment
    from inspection.demo import inspection_seed
    from inspection.models import Finding, FollowUpAction, Inspection
    from org.demo import demo_seed
    from org.models import Agency, User

    demo_seed()
    catalog_seed()
    roster_seed()
    guidance_seed()
    drafts_seed()
    inspection_seed()
    world = World()
    world.users = {
        "anonymous": None,
        **{
            role: User.objects.get(username=f"hoankiem.{role}")
            for role in (
                "tiepnhan",
                "chuyenvien",
                "lanhdao",
                "buudien",
                "tinhnguyen",
                "kiemtra",
                "quantri",
            )
        },
        "socson.tiepnhan": User.objects.get(username="socson.tiepnhan"),
        "quantri.hethong": User.objects.get(username="quantri.hethong"),
    }
    dossiers = [_receive_one(world.users["tiepnhan"]), _receive_one(world.users["socson.tiepnhan"])]
    dossier_pks = [d.pk for d in dossiers]
    procedures = list(Procedure.objects.order_by("pk").values_list("pk", flat=True)[:3])
    procedures += [d.procedure_version.procedure_id for d in dossiers]
    codes = list(Agency.objects.order_by("pk").values_list("code", flat=True)[:6])
    fields = list(EFormField.objects.order_by("pk").values_list("pk", flat=True)[:3])
    templates = list(RequiredDocument.objects.order_by("pk").values_list("pk", flat=True)[:3])
    versions = [d.procedure_version_id for d in dossiers]
    slips = list(GuidanceSlip.objects.order_by("pk").values_list("pk", flat=True)[:2])
    shifts = list(DutyShift.objects.order_by("pk").values_list("pk", flat=True)[:2])
    # Keys: "url name:parameter", or the parameter alone for every URL that has it.
    world.values = {
        "code": codes,
        "core:language:code": ["vi", "en"],
        "pk": procedures,
        "dossiers:pk": dossier_pks,
        "counter:declaration-large:pk": dossier_pks,
        "counter:slip:pk": slips,
        "counter:shift-remove:pk": shifts,
        "number": [1, 2, "01", "03", "04", "06"],
        "field_pk": fields,
        "document_pk": templates,
        "file_pk": [1],
        "board": ["tat-ca", "buu-chinh"],
        "inspection:pk": list(Inspection.objects.values_list("pk", flat=True)),
        "finding_pk": list(Finding.objects.values_list("pk", flat=True)[:4]),
        "action_pk": list(FollowUpAction.objects.values_list("pk", flat=True)),
        "disclosure:pk": list(Draft.objects.values_list("pk", flat=True)),
        "comment_pk": list(DraftComment.objects.values_list("pk", flat=True)),
    }
    world.queries = {
        "counter:reception": [f"thu_tuc={pk}" for pk in versions],
        "counter:slip-new": [f"thu_tuc={pk}" for pk in versions],
        "counter:guided-new": [f"thu_tuc={pk}" for pk in versions],
        "dossiers:register": ["start=01/01/2026&end=31/12/2026"],
    }
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
