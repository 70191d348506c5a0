"""Credentials and their lifecycle, print jobs, training, contracts, evaluations, complaints, credit
records and background checks."""

NAME = "credentials_and_records"

STATEMENTS = [
    """CREATE TABLE credentials (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, credential_no TEXT NOT NULL UNIQUE,
        worker_id INTEGER NOT NULL REFERENCES workers(id), version INTEGER NOT NULL DEFAULT 1,
        state TEXT NOT NULL, valid_from TEXT, valid_to TEXT, applied_at TEXT NOT NULL,
        approved_at TEXT, approved_by TEXT, printed_at TEXT, issued_at TEXT, issued_by TEXT,
        issue_read_id INTEGER REFERENCES identity_reads(id), state_reason TEXT,
        record_version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL)""",
    "CREATE INDEX credentials_worker ON credentials(worker_id)",
    "CREATE INDEX credentials_state ON credentials(state, valid_to)",
    """CREATE TABLE credential_events (
        id INTEGER PRIMARY KEY, credential_id INTEGER NOT NULL REFERENCES credentials(id),
        action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, version INTEGER NOT NULL,
        operator TEXT NOT NULL, reason TEXT, at TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'agency')""",
    "CREATE INDEX credential_events_credential ON credential_events(credential_id, id)",
    """CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY, credential_id INTEGER NOT NULL REFERENCES credentials(id),
        version INTEGER NOT NULL, operator TEXT NOT NULL, printer TEXT NOT NULL, job_ref TEXT,
        status TEXT NOT NULL CHECK (status IN ('completed','failed')), detail TEXT, at TEXT NOT NULL)""",
    "CREATE INDEX print_jobs_credential ON print_jobs(credential_id)",
    """CREATE TABLE training_courses (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]', hours REAL NOT NULL, pass_score REAL NOT NULL DEFAULT 60)""",
    """CREATE TABLE training_sessions (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, course_id INTEGER NOT NULL REFERENCES training_courses(id),
        trainer TEXT NOT NULL, place TEXT NOT NULL, starts_at TEXT NOT NULL, hours REAL NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE training_attendance (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
        session_id INTEGER NOT NULL REFERENCES training_sessions(id),
        worker_id INTEGER NOT NULL REFERENCES workers(id), tap_in_at TEXT, tap_out_at TEXT,
        tap_in_read_id INTEGER REFERENCES identity_reads(id), hours REAL NOT NULL DEFAULT 0,
        score REAL, passed INTEGER, UNIQUE (session_id, worker_id))""",
    "CREATE INDEX training_attendance_worker ON training_attendance(worker_id)",
    """CREATE TABLE contracts (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        signed_on TEXT NOT NULL, service_type TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
        district TEXT NOT NULL, customer_ref TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL)""",
    "CREATE INDEX contracts_worker ON contracts(worker_id)",
    """CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        contract_id INTEGER REFERENCES contracts(id), scores TEXT NOT NULL, overall REAL NOT NULL,
        comment TEXT, at TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'agency')""",
    "CREATE INDEX evaluations_worker ON evaluations(worker_id)",
    """CREATE TABLE complaints (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        source TEXT NOT NULL, received_at TEXT NOT NULL, summary TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','handling','resolved')),
        response TEXT, resolved_at TEXT, record_version INTEGER NOT NULL DEFAULT 1)""",
    "CREATE INDEX complaints_worker ON complaints(worker_id)",
    """CREATE TABLE credit_records (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        source TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
    "CREATE INDEX credit_records_worker ON credit_records(worker_id)",
    """CREATE TABLE background_checks (
        id INTEGER PRIMARY KEY, worker_id INTEGER NOT NULL REFERENCES workers(id), result TEXT NOT NULL,
        checked_at TEXT NOT NULL, received_at TEXT NOT NULL)""",
    "CREATE INDEX background_checks_worker ON background_checks(worker_id)",
]
