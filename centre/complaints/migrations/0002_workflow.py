"""The complaint workflow: source, reference, complainant, states with a deadline, escalation and closure.
Existing complaints keep their data: an open one is with its agency (sent when received, due 7 days later), a
resolved one is resolved; each gets a reference."""

import datetime as dt

from django.db import migrations, models


def carry_over(apps, schema_editor):  # type: ignore[no-untyped-def]
    from centre.complaints.rules import DEFAULT_DEADLINE_DAYS, new_reference

    Complaint = apps.get_model("complaints", "Complaint")
    taken = set()
    for complaint in Complaint.objects.all().iterator():
        reference = new_reference(complaint.received_at.date())
        while reference in taken:
            reference = new_reference(complaint.received_at.date())
        taken.add(reference)
        complaint.reference = reference
        if complaint.status == "open":
            complaint.status = "with_agency"
            complaint.sent_at = complaint.received_at
            complaint.due_at = complaint.received_at + dt.timedelta(days=DEFAULT_DEADLINE_DAYS)
        complaint.updated_at = complaint.resolved_at or complaint.received_at
        complaint.save()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_take_over_complaints"),
        ("sync", "0003_complaint_moves_to_complaints"),
    ]

    operations = [
        migrations.AddField("complaint", "reference", models.CharField(
            help_text="the complainant's reference (rules.new_reference)", max_length=20, null=True)),
        migrations.AddField("complaint", "source", models.CharField(
            default="command", help_text="hotline | consumer | command", max_length=16)),
        migrations.AddField("complaint", "complainant_name", models.CharField(blank=True, max_length=100)),
        migrations.AddField("complaint", "complainant_phone", models.CharField(blank=True, max_length=32)),
        migrations.AddField("complaint", "registered_by", models.CharField(
            blank=True, help_text="staff user name ('' for the public)", max_length=150)),
        migrations.AddField("complaint", "sent_at", models.DateTimeField(help_text="last sent to the agency", null=True)),
        migrations.AddField("complaint", "due_at", models.DateTimeField(
            db_index=True, help_text="the agency's answer is due", null=True)),
        migrations.AddField("complaint", "escalation_reason", models.TextField(blank=True)),
        migrations.AddField("complaint", "closed_at", models.DateTimeField(null=True)),
        migrations.AddField("complaint", "closing_note", models.TextField(blank=True)),
        migrations.AddField("complaint", "updated_at", models.DateTimeField(null=True)),
        migrations.AlterField("complaint", "id_number", models.CharField(
            blank=True, db_index=True, help_text="the person complained about", max_length=32)),
        migrations.AlterField("complaint", "agency_id", models.CharField(
            db_index=True, help_text="the agency that answers", max_length=64, null=True)),
        migrations.AlterField("complaint", "status", models.CharField(
            db_index=True, default="registered",
            help_text="registered | with_agency | resolved | escalated | closed", max_length=16)),
        migrations.AlterField("complaint", "resolution", models.TextField(
            blank=True, help_text="the agency's answer, from its terminal")),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.AlterField("complaint", "reference", models.CharField(
            help_text="the complainant's reference (rules.new_reference)", max_length=20, null=True, unique=True)),
    ]
