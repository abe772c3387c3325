"""R5 at any depth: a role covers every agency below its own, however deep the tree, and the
tree is read in one query whatever its depth."""

import pytest

from org.access import agency_and_above, agency_and_below, reference_agency_ids, visible_agency_ids
from org.models import Role
from org.tests.factories import AgencyFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep(cast):
    """Commune A under a province, and a team inside the centre's section: four levels below
    the province (province → commune committee → centre → section → team)."""
    cast.province = AgencyFactory(name="Ủy ban nhân dân Tỉnh Hòa", kind="provincial_committee")
    cast.committee_a.parent = cast.province
    cast.committee_a.save()
    cast.section_a = AgencyFactory(name="Bộ phận Tư pháp", parent=cast.centre_a)
    cast.team_a = AgencyFactory(name="Tổ hộ tịch", parent=cast.section_a)
    cast.paul = UserFactory(username="paul", full_name="Đỗ Văn Paul")
    give_role(cast.paul, cast.province, Role.INSPECTOR)
    return cast


def test_below_an_agency_means_every_level_down_to_the_leaves(deep, django_assert_num_queries):
    with django_assert_num_queries(1):
        below = agency_and_below([deep.province])
    assert below == {
        deep.province.pk,
        deep.committee_a.pk,
        deep.centre_a.pk,
        deep.section_a.pk,
        deep.team_a.pk,
    }
    assert agency_and_below([deep.centre_a.pk]) == {
        deep.centre_a.pk,
        deep.section_a.pk,
        deep.team_a.pk,
    }
    assert agency_and_below([]) == set()


def test_above_an_agency_means_every_level_up_to_the_root(deep, django_assert_num_queries):
    with django_assert_num_queries(1):
        above = agency_and_above([deep.team_a])
    assert above == {
        deep.team_a.pk,
        deep.section_a.pk,
        deep.centre_a.pk,
        deep.committee_a.pk,
        deep.province.pk,
    }
    assert deep.committee_b.pk not in above


def test_a_province_role_sees_the_deepest_team_and_no_sibling_commune_it_does_not_hold(deep):
    visible = visible_agency_ids(deep.paul)
    assert deep.team_a.pk in visible
    assert deep.committee_b.pk not in visible and deep.centre_b.pk not in visible
    assert visible_agency_ids(deep.alice) == {deep.centre_a.pk, deep.section_a.pk, deep.team_a.pk}


def test_the_catalogue_is_read_up_the_whole_tree(deep):
    alice_reads = reference_agency_ids(deep.alice)
    assert {deep.committee_a.pk, deep.province.pk} <= alice_reads
    assert deep.committee_b.pk not in alice_reads


def test_the_visible_agencies_take_the_same_queries_for_a_deep_tree_as_for_a_flat_one(
    cast, django_assert_num_queries
):
    flat = UserFactory(username="flat")
    give_role(flat, cast.committee_a, Role.INSPECTOR)
    with django_assert_num_queries(2):  # the roles, the tree
        visible_agency_ids(flat)
    parent = cast.centre_a
    for depth in range(6):
        parent = AgencyFactory(name=f"Tổ {depth}", parent=parent)
    deep_user = UserFactory(username="deep")
    give_role(deep_user, cast.committee_a, Role.INSPECTOR)
    with django_assert_num_queries(2):
        assert parent.pk in visible_agency_ids(deep_user)
