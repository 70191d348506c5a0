"""Training for the agency's own managers (机构管理人员), a target group of their own beside the workers, and
the agency's registration file: the legal representative's identity from a card read, and the scans of the
business licence, the lease and the integrity commitment letter (qualification certificates are kept in the
agency's `qualifications` JSON with their scans' attachment ids)."""

from __future__ import annotations

NAME = "managers_and_agency_file"

STATEMENTS = [
    "ALTER TABLE training_courses ADD COLUMN audience TEXT NOT NULL DEFAULT 'workers'"
    " CHECK (audience IN ('workers', 'managers'))",
    # A manager exists here only through a card read of the same number, like a worker.
    """CREATE TABLE agency_managers (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, id_number TEXT NOT NULL UNIQUE,
        identity_read_id INTEGER NOT NULL REFERENCES identity_reads(id), created_at TEXT NOT NULL)""",
    """CREATE TRIGGER agency_managers_need_provenance BEFORE INSERT ON agency_managers
        WHEN (SELECT id_number FROM identity_reads WHERE id = NEW.identity_read_id) IS NOT NEW.id_number
        BEGIN SELECT RAISE(ABORT, 'a manager needs a card read of the same number'); END""",
    """CREATE TABLE manager_attendance (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
        session_id INTEGER NOT NULL REFERENCES training_sessions(id),
        manager_id INTEGER NOT NULL REFERENCES agency_managers(id), tap_in_at TEXT, tap_out_at TEXT,
        tap_in_read_id INTEGER REFERENCES identity_reads(id), hours REAL NOT NULL DEFAULT 0,
        score REAL, passed INTEGER, UNIQUE (session_id, manager_id))""",
    "ALTER TABLE agency ADD COLUMN legal_rep_read_id INTEGER REFERENCES identity_reads(id)",
    "ALTER TABLE agency ADD COLUMN licence_attachment_id INTEGER REFERENCES attachments(id)",
    "ALTER TABLE agency ADD COLUMN lease_attachment_id INTEGER REFERENCES attachments(id)",
]
