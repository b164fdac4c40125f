"""The assisted review's starting rules and repealed-law list (fazhi/review/seed.py); afterwards
they are the office's data, edited in the admin."""

from datetime import date

from django.db import migrations

from fazhi.review import seed


def load(apps, schema_editor):
    FlagRule = apps.get_model("review", "FlagRule")
    RepealedLaw = apps.get_model("review", "RepealedLaw")
    for row in seed.FLAG_RULES:
        FlagRule.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    for title, repealed_on, replaced_by, source in seed.REPEALED_LAWS:
        RepealedLaw.objects.update_or_create(
            title=title,
            defaults={
                "repealed_on": date.fromisoformat(repealed_on),
                "replaced_by": replaced_by,
                "source": source,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("review", "0003_assisted_review")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
