"""The centre's casework as the agency sees it: registrations the centre returned for correction (退回更正) and
their resubmission; complaints the centre sends with their reference and deadline, including complaints about the
agency itself (no worker: worker_id becomes optional, so the table is rebuilt); integrity records with their
category and validity, for workers (credit_records) and for the agency."""

from __future__ import annotations

NAME = "centre_casework"

STATEMENTS = [
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        version INTEGER NOT NULL, reason TEXT NOT NULL, returned_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resubmitted', 'accepted')),
        resubmitted_at TEXT, resubmitted_by TEXT, read_id INTEGER REFERENCES identity_reads(id), accepted_at TEXT)""",
    "CREATE INDEX corrections_status ON corrections(status, returned_at)",
    """CREATE TABLE complaints_new (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER REFERENCES workers(id),
        source TEXT NOT NULL, received_at TEXT NOT NULL, summary TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','handling','resolved')),
        response TEXT, resolved_at TEXT, record_version INTEGER NOT NULL DEFAULT 1,
        reference TEXT, due_at TEXT, credential_no TEXT, reopened_at TEXT)""",
    """INSERT INTO complaints_new(id, uid, worker_id, source, received_at, summary, status, response, resolved_at,
        record_version) SELECT id, uid, worker_id, source, received_at, summary, status, response, resolved_at,
        record_version FROM complaints""",
    "DROP TABLE complaints",
    "ALTER TABLE complaints_new RENAME TO complaints",
    "CREATE INDEX complaints_worker ON complaints(worker_id)",
    "CREATE INDEX complaints_source_status ON complaints(source, status)",
    "ALTER TABLE credit_records ADD COLUMN category TEXT",
    "ALTER TABLE credit_records ADD COLUMN valid_from TEXT",
    "ALTER TABLE credit_records ADD COLUMN valid_to TEXT",
    """CREATE TABLE agency_integrity_records (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
        polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'negative')), category TEXT NOT NULL,
        description TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
]
