"""History rows written before actors had kinds: a row with a staff account was a member of
staff; an online reception without one was the applicant; any other row without one was the
daily job closing a dossier whose supplement never came (the only edge the system took)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def name_the_actors(apps, schema_editor):
    StatusChange = apps.get_model("dossiers", "StatusChange")
    User = apps.get_model("org", "User")
    username = User.objects.filter(pk=OuterRef("actor_id")).values("username")[:1]
    StatusChange.objects.filter(actor__isnull=False).update(
        actor_kind="staff", actor_label=Subquery(username)
    )
    anonymous = StatusChange.objects.filter(actor__isnull=True)
    anonymous.filter(action="receive").update(actor_kind="applicant", actor_label="applicant")
    anonymous.exclude(action="receive").update(
        actor_kind="system", actor_label="close_unsupplemented"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0014_history_actor_kind"),
        ("org", "__first__"),
    ]

    operations = [
        migrations.RunPython(name_the_actors, migrations.RunPython.noop, elidable=True),
    ]
