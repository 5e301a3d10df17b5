"""The roll-ups again, by the rule that leaves archived KRs and objectives out
(`services.rollups.rollups_compute`, the rule every rebuild path uses; `0009` counted them)."""

from django.db import migrations


def compute(apps, schema_editor):  # type: ignore[no-untyped-def]
    from incheck.okrs.services.rollups import rollups_compute

    connection = schema_editor.connection
    quote = connection.ops.quote_name
    objective, key_result, rollup = (
        quote(apps.get_model("okrs", model)._meta.db_table)
        for model in ("Objective", "KeyResult", "ObjectiveRollup")
    )
    names = (objective, key_result, rollup)
    rollups_compute(using=connection, names=names)


class Migration(migrations.Migration):
    dependencies = [
        ("okrs", "0009_objective_rollup"),
    ]

    operations = [
        migrations.RunPython(compute, migrations.RunPython.noop, elidable=True),
    ]
