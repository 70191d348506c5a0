"""The look-up index (workers by name, pinyin, ID number, phone), the record-to-worker links for the trace, the
terminals' last contact; and indexes on the sync app's records table the console reads by: (updated_at, id) to
catch up the look-up index, (entity, agency_id) and credentials (agency_id, state) for an agency's page. Plain SQL that both SQLite and PostgreSQL
take, since the records table belongs to another app."""

from __future__ import annotations

from django.db import migrations, models

RECORD_INDEXES = [
    ("ix_records_updated", "records (updated_at, id)"),
    ("ix_records_entity_agency", "records (entity, agency_id)"),
    ("ix_credentials_agency_state", "credentials (agency_id, state)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("console", "0001_roles"),
        ("sync", "0002_events_terminal_seq"),
        ("credentials", "0002_worker_photo"),
    ]

    operations = [
        migrations.CreateModel(
            name="WorkerIndex",
            fields=[
                ("worker_uid", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("agency_id", models.CharField(max_length=64)),
                ("name", models.CharField(db_index=True, max_length=200)),
                ("pinyin", models.CharField(db_index=True, help_text="full pinyin, lower case, no spaces",
                                            max_length=200)),
                ("initials", models.CharField(db_index=True, help_text="pinyin initials: wxy for 王秀英", max_length=50)),
                ("id_number", models.CharField(db_index=True, help_text="normalised", max_length=32)),
                ("id_reversed", models.CharField(db_index=True, help_text="reversed: a suffix search is a prefix",
                                                 max_length=32)),
                ("phone", models.CharField(db_index=True, max_length=32)),
                ("registered_at", models.DateTimeField(null=True)),
                ("released", models.BooleanField(default=False)),
                ("simulated", models.BooleanField(default=False)),
                ("record_version", models.IntegerField()),
            ],
            options={"db_table": "console_worker_index",
                     "indexes": [models.Index(fields=["agency_id", "name"], name="ix_wi_agency_name")]},
        ),
        migrations.CreateModel(
            name="WorkerLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("entity", models.CharField(max_length=32)),
                ("entity_uid", models.CharField(max_length=64)),
                ("worker_uid", models.CharField(db_index=True, max_length=64)),
            ],
            options={"db_table": "console_worker_links",
                     "constraints": [models.UniqueConstraint(fields=["entity", "entity_uid"],
                                                             name="one_link_per_record")]},
        ),
        migrations.CreateModel(
            name="IndexMark",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("updated_at", models.DateTimeField(null=True)),
                ("record_id", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "console_index_mark"},
        ),
        migrations.CreateModel(
            name="TerminalContact",
            fields=[
                ("terminal_id", models.CharField(max_length=32, primary_key=True, serialize=False)),
                ("last_seen_at", models.DateTimeField()),
                ("clock_drift_seconds", models.IntegerField(help_text="the terminal's request time minus the centre's")),
                ("client", models.CharField(blank=True, help_text="the User-Agent it sent", max_length=120)),
            ],
            options={"db_table": "console_terminal_contact"},
        ),
        *[migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {target}", f"DROP INDEX IF EXISTS {name}")
          for name, target in RECORD_INDEXES],
    ]
