"""What the console keeps of its own: the agencies' admission decisions (准入), newest last. An agency with no
decision is pending; only an admitted one may get enrolment codes (centre/terminals/enrolment.py asks)."""

from __future__ import annotations

from django.db import models


class AgencyAdmission(models.Model):
    agency = models.ForeignKey("terminals.Agency", on_delete=models.PROTECT, related_name="admissions")
    status = models.CharField(max_length=16, help_text="admitted | suspended | refused")
    reason = models.TextField()
    decided_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField()

    class Meta:
        db_table = "agency_admissions"
        indexes = [models.Index(fields=["agency", "-decided_at"], name="ix_admission_latest")]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.status}"
