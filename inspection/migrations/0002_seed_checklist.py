"""Ships the checklist built from the seeds (data, edited by the team in the admin)."""

from django.db import migrations

from inspection.rules import SEED_CHECKLIST, SEED_CHECKLIST_NAME


def create(apps, schema_editor):
    Checklist = apps.get_model("inspection", "Checklist")
    ChecklistItem = apps.get_model("inspection", "ChecklistItem")
    checklist, created = Checklist.objects.get_or_create(name=SEED_CHECKLIST_NAME)
    if not created:
        return
    ChecklistItem.objects.bulk_create(
        ChecklistItem(checklist=checklist, position=n, text=text, guidance=guide, evidence=key)
        for n, (text, guide, key) in enumerate(SEED_CHECKLIST, start=1)
    )


def remove(apps, schema_editor):
    apps.get_model("inspection", "Checklist").objects.filter(name=SEED_CHECKLIST_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
