"""The console's roles as auth Groups, the admission history, and the agencies admitted before the console
existed (they already had enrolment codes, so they stay admitted)."""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

ROLES = ("admin", "staff", "police", "regulator")


def make_roles(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


def admit_existing_agencies(apps: Any, schema_editor: Any) -> None:
    from django.utils import timezone

    admission = apps.get_model("console", "AgencyAdmission")
    for agency in apps.get_model("terminals", "Agency").objects.all():
        admission.objects.create(agency=agency, status="admitted", decided_by="migration",
                                 reason="准入于管理台启用之前 / admitted before the console existed",
                                 decided_at=timezone.now())  # fmt: skip


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("terminals", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(make_roles, migrations.RunPython.noop),
        migrations.CreateModel(
            name="AgencyAdmission",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(help_text="admitted | suspended | refused", max_length=16)),
                ("reason", models.TextField()),
                ("decided_by", models.CharField(max_length=150)),
                ("decided_at", models.DateTimeField()),
                ("agency", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="admissions",
                                             to="terminals.agency")),
            ],
            options={"db_table": "agency_admissions",
                     "indexes": [models.Index(fields=["agency", "-decided_at"], name="ix_admission_latest")]},
        ),
        migrations.RunPython(admit_existing_agencies, migrations.RunPython.noop),
    ]
