import pytest

from dossiers.services import Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import office, reception_for  # noqa: F401 - the dossier cast
from dossiers.workflow import Action


def act(cast, dossier, actor, action, **fields):
    dossier.refresh_from_db()
    move = Move(action=action, expected_version=dossier.version, **fields)
    return dossier_transition(dossier_id=dossier.pk, move=move, actor=getattr(cast, actor))


@pytest.fixture
def returned(office, django_capture_on_commit_callbacks):  # noqa: F811 - the fixture
    """A birth registration received, handled, approved and returned by Alice at the counter;
    the events dispatched as they would be after each commit."""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        act(office, dossier, "alice", Action.ASSIGN, assignee=office.sophie)
        act(office, dossier, "sophie", Action.PROPOSE)
        act(office, dossier, "leo", Action.APPROVE)
        act(office, dossier, "alice", Action.RETURN_RESULT)
    dossier.refresh_from_db()
    return dossier
