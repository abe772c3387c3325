"""The lookup check value: drawn at reception, from an alphabet a citizen cannot misread, and
given to every dossier that existed before it."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from dossiers.codes import CHECK_ALPHABET, CHECK_LENGTH, new_check_value
from dossiers.models import Dossier
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for


def test_check_values_are_six_unambiguous_characters_and_differ():
    values = {new_check_value() for _ in range(2000)}
    assert len(values) > 1990
    for value in values:
        assert len(value) == CHECK_LENGTH == 6
        assert set(value) <= set(CHECK_ALPHABET)
    assert not set(CHECK_ALPHABET) & set("0O1IL2Z5S8B6G")


@pytest.mark.django_db
def test_reception_gives_each_dossier_its_own_check_value(office):
    first, second = (
        dossier_receive(reception=reception_for(office), actor=office.alice) for _ in range(2)
    )
    first.refresh_from_db()
    assert len(first.lookup_check) == 6
    assert first.lookup_check != second.lookup_check


@pytest.mark.django_db
def test_the_migration_gives_every_existing_dossier_its_own_check_value(office):
    received = [
        dossier_receive(reception=reception_for(office), actor=office.alice) for _ in range(3)
    ]
    Dossier.objects.update(lookup_check="")  # as the column is right after it was added
    migration = import_module("dossiers.migrations.0011_lookup_check")
    migration.give_every_dossier_a_check_value(apps, SimpleNamespace(connection=connection))
    values = set(
        Dossier.objects.filter(pk__in=[d.pk for d in received]).values_list(
            "lookup_check", flat=True
        )
    )
    assert len(values) == 3
    assert all(len(value) == 6 for value in values)
