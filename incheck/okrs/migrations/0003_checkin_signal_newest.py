from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("okrs", "0002_insight_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="checkin",
            index=models.Index(
                fields=["signal", "-created_at", "-id"], name="okrs_checkin_signal_newest"
            ),
        ),
    ]
