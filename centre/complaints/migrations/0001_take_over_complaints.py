"""The Complaint model moves from centre/sync to this app: the `complaints` table stays as it is (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("sync", "0002_events_terminal_seq"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Complaint",
                    fields=[
                        ("uid", models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ("id_number", models.CharField(db_index=True, max_length=32)),
                        ("agency_id", models.CharField(max_length=64, null=True)),
                        ("credential_no", models.CharField(blank=True, max_length=64)),
                        ("summary", models.TextField()),
                        ("received_at", models.DateTimeField()),
                        ("status", models.CharField(default="open", help_text="open | resolved", max_length=16)),
                        ("resolved_at", models.DateTimeField(null=True)),
                        ("resolution", models.TextField(blank=True)),
                    ],
                    options={"db_table": "complaints"},
                ),
            ],
            database_operations=[],
        ),
    ]
