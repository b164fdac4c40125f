"""The assisted review's starting rules and repealed-law list (fazhi/review/seed.py); afterwards
they are the office's data, edited in the admin."""

from django.db import migrations

from fazhi.review import seed


def load(apps, schema_editor):
    seed.load(apps.get_model("review", "FlagRule"), apps.get_model("review", "RepealedLaw"))


class Migration(migrations.Migration):
    dependencies = [("review", "0003_assisted_review")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
