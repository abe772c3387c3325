"""Search by the applicant's name (LIKE '%word%' on the folded name) through a trigram index on
PostgreSQL, so an officer's search reads the few matching applicants instead of all of them.
pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): a database owner may
create it. SQLite keeps scanning, which is fast at a commune's size."""

from django.db import migrations

INDEX = "dossiers_applicant_search_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON dossiers_applicant "
            "USING gin (search_name gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0005_applicant_citizen")]

    operations = [migrations.RunPython(create, drop)]
