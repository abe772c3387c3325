"""Ships the SIPAS questionnaire version 1 (surveys.seed_sipas.OFFICIAL)."""

from datetime import date

from django.db import migrations

from surveys.seed_sipas import OFFICIAL


def ship(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Factor = apps.get_model("surveys", "Factor")
    Criterion = apps.get_model("surveys", "Criterion")
    if Questionnaire.objects.filter(version=1).exists():
        return
    questionnaire = Questionnaire.objects.create(
        version=1,
        name="Phiếu khảo sát sự hài lòng của người dân (SIPAS)",
        basis="Quyết định 2640/QĐ-BNV ngày 10/10/2017 (chưa đối chiếu QĐ 1001/QĐ-BNV)",
        effective_from=date(2017, 10, 10),
    )
    for number, (name, criteria) in enumerate(OFFICIAL, start=1):
        factor = Factor.objects.create(questionnaire=questionnaire, number=number, name=name)
        for index, (text, confirmed) in enumerate(criteria, start=1):
            Criterion.objects.create(
                factor=factor, number=index, text=text, unconfirmed=not confirmed
            )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_sipas")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
