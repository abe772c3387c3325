# The lookup check value: added empty, given to every existing dossier (each its own random
# value: a callable default in AddField would give all of them the same one), then defaulted.

from django.db import migrations, models

import dossiers.codes

BATCH = 1000


def give_every_dossier_a_check_value(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.using(schema_editor.connection.alias).filter(lookup_check="")
    while True:
        batch = list(rows.only("pk")[:BATCH])
        if not batch:
            break
        for dossier in batch:
            dossier.lookup_check = dossiers.codes.new_check_value()
        Dossier.objects.using(schema_editor.connection.alias).bulk_update(batch, ["lookup_check"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0010_normalise_phones"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="lookup_check",
            field=models.CharField(
                default="", editable=False, max_length=6, verbose_name="lookup check value"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(give_every_dossier_a_check_value, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dossier",
            name="lookup_check",
            field=models.CharField(
                default=dossiers.codes.new_check_value,
                editable=False,
                max_length=6,
                verbose_name="lookup check value",
            ),
        ),
    ]
