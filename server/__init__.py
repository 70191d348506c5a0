"""Reference central traceability server (FastAPI + SQLAlchemy)."""
