"""What a consumer's complaint carries beyond the workflow's own record (centre/complaints/models.py): when it
happened, which page it came from, and its photos. Photos are for staff only: no public address serves them."""

from __future__ import annotations

from django.db import models

from centre.complaints.models import Complaint


class ComplaintDetail(models.Model):
    complaint = models.OneToOneField(Complaint, primary_key=True, on_delete=models.CASCADE, related_name="consumer")
    origin = models.CharField(max_length=16, help_text="verification | evaluation: the page it was filed from")
    occurred_at = models.DateTimeField(help_text="when it happened, as the consumer said")

    class Meta:
        db_table = "consumer_complaint_details"

    def __str__(self) -> str:
        return f"consumer complaint {self.complaint_id}"


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="consumer_photos")
    position = models.PositiveSmallIntegerField(help_text="1..MAX_PHOTOS, in the order sent")
    mime = models.CharField(max_length=32, help_text="always image/jpeg: re-encoded on arrival")
    data = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()

    class Meta:
        db_table = "consumer_complaint_photos"
        constraints = [models.UniqueConstraint(fields=["complaint", "position"], name="complaint_photo_position")]

    def __str__(self) -> str:
        return f"photo {self.position} of complaint {self.complaint_id}"
