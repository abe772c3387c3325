from django.db import migrations
from django.db.models import F


def queued_are_due(apps, schema_editor):
    # Messages queued before attempts had a due time are due since they were written.
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(status="queued", next_attempt_at__isnull=True).update(
        next_attempt_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_delivery_claims_and_links")]

    operations = [migrations.RunPython(queued_are_due, migrations.RunPython.noop)]
