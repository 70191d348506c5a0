"""Workers, their identity reads (append-only, with provenance) and the worker profile."""

NAME = "workers"

STATEMENTS = [
    """CREATE TABLE identity_reads (
        id INTEGER PRIMARY KEY, card_type TEXT NOT NULL, id_number TEXT NOT NULL, name TEXT NOT NULL,
        english_name TEXT, sex_code TEXT NOT NULL, ethnicity_code TEXT, birth_date TEXT NOT NULL,
        address TEXT, issuing_authority TEXT, valid_from TEXT, valid_to TEXT, nationality TEXT,
        pass_number TEXT, issue_count INTEGER, card_version TEXT,
        raw_text BLOB NOT NULL, photo_wlt BLOB, raw_sha256 TEXT NOT NULL, reader TEXT NOT NULL,
        sam_id TEXT NOT NULL, read_at TEXT NOT NULL, simulated INTEGER NOT NULL, operator TEXT NOT NULL,
        purpose TEXT NOT NULL DEFAULT 'registration')""",
    "CREATE INDEX identity_reads_number ON identity_reads(id_number)",
    """CREATE TRIGGER identity_reads_immutable BEFORE UPDATE ON identity_reads
        BEGIN SELECT RAISE(ABORT, 'identity reads are immutable'); END""",
    """CREATE TRIGGER identity_reads_kept BEFORE DELETE ON identity_reads
        BEGIN SELECT RAISE(ABORT, 'identity reads are kept'); END""",
    """CREATE TABLE workers (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, id_number TEXT NOT NULL UNIQUE,
        identity_read_id INTEGER NOT NULL REFERENCES identity_reads(id),
        phone TEXT, current_address TEXT, residence_permit_no TEXT, education TEXT,
        photo_attachment_id INTEGER REFERENCES attachments(id),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
        central_status TEXT, record_version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX workers_phone ON workers(phone)",
    # A worker's identity exists only through a card read of the same number: the backstop under the
    # store's own checks, so no code path (or hand-written SQL) can type in or alter an identity.
    """CREATE TRIGGER workers_need_provenance BEFORE INSERT ON workers
        WHEN (SELECT id_number FROM identity_reads WHERE id = NEW.identity_read_id) IS NOT NEW.id_number
        BEGIN SELECT RAISE(ABORT, 'a worker needs a card read of the same number'); END""",
    """CREATE TRIGGER workers_identity_fixed BEFORE UPDATE OF id_number, identity_read_id ON workers
        WHEN NEW.id_number IS NOT OLD.id_number
          OR (SELECT id_number FROM identity_reads WHERE id = NEW.identity_read_id) IS NOT OLD.id_number
        BEGIN SELECT RAISE(ABORT, 'identity fields cannot change'); END""",
    """CREATE TABLE worker_service_types (
        worker_id INTEGER NOT NULL REFERENCES workers(id), code TEXT NOT NULL,
        PRIMARY KEY (worker_id, code))""",
    "CREATE INDEX worker_service_types_code ON worker_service_types(code)",
    """CREATE TABLE certificates (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        kind TEXT NOT NULL, name TEXT NOT NULL, number TEXT, issued_by TEXT, issued_on TEXT,
        expires_on TEXT, attachment_id INTEGER REFERENCES attachments(id), created_at TEXT NOT NULL)""",
    "CREATE INDEX certificates_worker ON certificates(worker_id)",
    """CREATE TABLE health_checks (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        checked_on TEXT NOT NULL, expires_on TEXT NOT NULL, institution TEXT NOT NULL,
        passed INTEGER NOT NULL, attachment_id INTEGER REFERENCES attachments(id), created_at TEXT NOT NULL)""",
    "CREATE INDEX health_checks_worker ON health_checks(worker_id, expires_on)",
    """CREATE TABLE insurance (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        insurer TEXT NOT NULL, policy_no TEXT NOT NULL, starts_on TEXT NOT NULL, expires_on TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX insurance_worker ON insurance(worker_id, expires_on)",
    """CREATE TABLE letters (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, worker_id INTEGER NOT NULL REFERENCES workers(id),
        kind TEXT NOT NULL CHECK (kind IN ('employment_commitment','credit_authorisation','pi_consent')),
        signed_on TEXT NOT NULL, identity_read_id INTEGER NOT NULL REFERENCES identity_reads(id),
        identity_read_sha256 TEXT NOT NULL, scan_attachment_id INTEGER REFERENCES attachments(id),
        scan_sha256 TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL)""",
    "CREATE INDEX letters_worker ON letters(worker_id, kind)",
]
