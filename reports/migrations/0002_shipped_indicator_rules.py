"""The Decision 766 indicators as shipped (reports.rules_shipped); administrators edit them
afterwards. Reversing leaves the rows: they may have been edited."""

from django.db import migrations


def ship_rules(apps, schema_editor):
    from reports.rules_shipped import ship_rules as ship

    ship(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(ship_rules, migrations.RunPython.noop)]
