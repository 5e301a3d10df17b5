"""A KR's progress (0..1) as a summary on its row, so alignment rolls up progress in SQL.

Filled here for the KRs that exist, with the domain's rule (`domain.progress`); from now on the
services write it with the other summaries. The index on (objective, progress) lets the roll-up
read a subtree's progress from the index alone.
"""

from django.db import migrations, models

from incheck.domain.progress import progress_fraction


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    key_result = apps.get_model("okrs", "KeyResult")
    rows = key_result.objects.order_by("id").values_list(
        "id", "kr_type", "start_value", "target_value", "current_value"
    )
    changed = []
    for pk, kr_type, start, target, current in rows.iterator(2000):
        fraction = progress_fraction(kr_type=kr_type, start=start, target=target, current=current)
        if fraction:
            changed.append(key_result(pk=pk, progress=fraction))
    key_result.objects.bulk_update(changed, ["progress"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("okrs", "0004_idempotent_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="keyresult",
            name="progress",
            field=models.FloatField(default=0.0, db_default=0.0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="keyresult",
            index=models.Index(fields=["objective", "progress"], name="okrs_kr_objective_progress"),
        ),
    ]
