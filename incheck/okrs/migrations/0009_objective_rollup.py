"""Objective roll-ups on a row of their own (`services.rollups`), filled here for the objectives
that exist; from now on the services keep them."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    objective = quote(apps.get_model("okrs", "Objective")._meta.db_table)
    key_result = quote(apps.get_model("okrs", "KeyResult")._meta.db_table)
    rollup = quote(apps.get_model("okrs", "ObjectiveRollup")._meta.db_table)
    # Every (ancestor, objective) pair, then each ancestor's KRs below it (UNION ends a cycle).
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {rollup} (objective_id, key_results, progress_sum)
            WITH RECURSIVE pairs(root, id) AS (
                SELECT id, id FROM {objective}
                UNION
                SELECT pairs.root, child.id FROM {objective} child
                JOIN pairs ON child.parent_id = pairs.id
            )
            SELECT pairs.root, COUNT(kr.id), COALESCE(SUM(kr.progress), 0)
            FROM pairs JOIN {key_result} kr ON kr.objective_id = pairs.id
            GROUP BY pairs.root
            """  # noqa: S608 - names from the models
        )


class Migration(migrations.Migration):
    dependencies = [
        ("okrs", "0008_no_next_up_edited_archived"),
    ]

    operations = [
        migrations.CreateModel(
            name="ObjectiveRollup",
            fields=[
                (
                    "objective",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="rollup",
                        serialize=False,
                        to="okrs.objective",
                    ),
                ),
                ("key_results", models.IntegerField(default=0)),
                ("progress_sum", models.FloatField(default=0.0)),
            ],
            options={
                "verbose_name": "objective roll-up",
                "verbose_name_plural": "objective roll-ups",
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
