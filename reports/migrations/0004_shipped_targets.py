"""The seeds' targets as shipped (reports.targets_shipped)."""

from django.db import migrations


def ship_targets(apps, schema_editor):
    from reports.targets_shipped import ship_targets as ship

    ship(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_targets")]

    operations = [migrations.RunPython(ship_targets, migrations.RunPython.noop)]
