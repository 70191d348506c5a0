"""The Complaint model now lives in centre/complaints (its table is kept; state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sync", "0002_events_terminal_seq"),
        ("complaints", "0001_take_over_complaints"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Complaint")],
                                            database_operations=[]),
    ]
