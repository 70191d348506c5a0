from __future__ import annotations

from typing import Any

from django.db import migrations, models

GENESIS = "0" * 64


def make_head(apps: Any, schema_editor: Any) -> None:
    apps.get_model("audit", "AuditHead").objects.get_or_create(id=1, defaults={"length": 0, "last_hash": GENESIS})


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.BigIntegerField(help_text="1, 2, 3 … without gaps", unique=True)),
                ("at", models.DateTimeField(db_index=True)),
                ("actor", models.CharField(db_index=True, help_text="a staff user name, or who ran a command",
                                           max_length=150)),
                ("action", models.CharField(db_index=True, max_length=64)),
                ("subject", models.CharField(db_index=True, help_text="what it was about, as kind:id", max_length=200)),
                ("detail", models.JSONField(default=dict)),
                ("prev_hash", models.CharField(max_length=64)),
                ("entry_hash", models.CharField(max_length=64, unique=True)),
            ],
            options={"db_table": "audit_entries", "ordering": ["position"]},
        ),
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("length", models.BigIntegerField(default=0)),
                ("last_hash", models.CharField(max_length=64)),
            ],
            options={"db_table": "audit_head"},
        ),
        migrations.RunPython(make_head, migrations.RunPython.noop),
    ]
