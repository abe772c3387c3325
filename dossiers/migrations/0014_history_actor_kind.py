from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0013_fee_quantities_and_correction"),
    ]

    operations = [
        migrations.AddField(
            model_name="statuschange",
            name="actor_kind",
            field=models.CharField(
                choices=[
                    ("staff", "staff member"),
                    ("applicant", "applicant"),
                    ("system", "system"),
                    ("external", "external party"),
                ],
                default="system",
                max_length=10,
                verbose_name="acted as",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="statuschange",
            name="actor_label",
            field=models.CharField(blank=True, max_length=150, verbose_name="actor"),
        ),
    ]
