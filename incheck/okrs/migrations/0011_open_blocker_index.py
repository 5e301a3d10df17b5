"""A KR's open blockers by an index of their own: partial (only unresolved blockers are in it),
so a sitting without a blocker writes nothing to it (docs/architecture.md, "Speed at
organisation scale")."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("okrs", "0010_rollups_without_archived"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="checkin",
            index=models.Index(
                condition=models.Q(("resolved_at__isnull", True), ("signal", "blocker")),
                fields=["key_result", "created_at"],
                name="okrs_checkin_open_blocker_kr",
            ),
        ),
    ]
