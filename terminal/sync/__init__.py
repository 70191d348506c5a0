"""Sync with the central traceability server. Qt-free."""
