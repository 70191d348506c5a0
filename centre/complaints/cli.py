"""`terminal-server complaint ID_NUMBER --summary TEXT [--credential NO]`: register a complaint and send it to the
person's agency at once (scripts and IT; staff use the console)."""

from __future__ import annotations

from centre.cli_language import say
from centre.complaints.actions import register_complaint
from centre.complaints.models import Complaint
from centre.complaints.rules import Source


def register_from_command_line(id_number: str, summary: str, credential_no: str | None) -> str:
    """The line the command prints: `complaint UID sent (reference REF, due DATE)`, in the run's language."""
    reference = register_complaint(None, source=Source.COMMAND, summary=summary, id_number=id_number,
                                   credential_no=credential_no or "", send=True)  # fmt: skip
    complaint = Complaint.objects.get(reference=reference)
    due = f"{complaint.due_at:%Y-%m-%d}" if complaint.due_at else "-"
    return say(f"投诉 {complaint.uid} 已转交机构（编号 {reference}，处理期限 {due}）",
               f"complaint {complaint.uid} sent (reference {reference}, due {due})")
