"""Agency, operators, settings, attachments, the hash-chained audit log, the sync outbox and sync state."""

NAME = "core"

STATEMENTS = [
    """CREATE TABLE schema_migrations (
        number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""",
    """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)""",
    """CREATE TABLE attachments (
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, mime TEXT NOT NULL, filename TEXT,
        size INTEGER NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL)""",
    "CREATE INDEX attachments_sha ON attachments(sha256)",
    """CREATE TABLE agency (
        id INTEGER PRIMARY KEY CHECK (id = 1), uid TEXT NOT NULL, name TEXT NOT NULL,
        credit_code TEXT NOT NULL, licence_kind TEXT NOT NULL, licence_no TEXT NOT NULL,
        legal_representative TEXT NOT NULL, address TEXT NOT NULL, lease_until TEXT,
        phone TEXT, qualifications TEXT NOT NULL DEFAULT '[]',
        commitment_signed_on TEXT, commitment_attachment_id INTEGER REFERENCES attachments(id),
        record_version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL)""",
    """CREATE TABLE operators (
        id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk','trainer','supervisor','administrator')),
        password_hash TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT,
        active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, last_login_at TEXT)""",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, operator TEXT NOT NULL,
        action TEXT NOT NULL, entity TEXT NOT NULL, entity_uid TEXT, detail TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
    """CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL,
        entity_uid TEXT NOT NULL, record_version INTEGER NOT NULL, kind TEXT NOT NULL,
        payload TEXT NOT NULL, provenance TEXT, simulated INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued'
            CHECK (state IN ('queued','sent','accepted','duplicate','rejected')),
        attempts INTEGER NOT NULL DEFAULT 0, last_attempt_at TEXT,
        reject_code TEXT, reject_reason TEXT, resolved_at TEXT)""",
    "CREATE INDEX outbox_pending ON outbox(state, seq)",
    "CREATE INDEX outbox_entity ON outbox(entity_uid, seq)",
    """CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)""",
]
