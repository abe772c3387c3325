"""Stored phone numbers rewritten in the one stored format (core.phones); values that are no
number are left as they are and their rows listed."""

import sys

from django.db import migrations

from core.phones import normalise_stored_phones


def normalise(apps, schema_editor):
    normalise_stored_phones(apps.get_model("dossiers", "Applicant"), out=sys.stdout)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0009_phone_validator")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
