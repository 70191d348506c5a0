"""An index on identity_registry.worker_uid: ingest and the public standing (centre/credentials/standing.py) look
a person up by the worker uid an agency registered them under; without it each look-up scanned the registry."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sync", "0003_complaint_moves_to_complaints"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="identityregistration",
            index=models.Index(fields=["worker_uid"], name="ix_identity_worker_uid"),
        ),
    ]
