"""Front-desk search terms: name substrings, pinyin (full and initials), ID-number and phone suffixes,
credential numbers. One indexed prefix lookup answers every search kind; existing workers are indexed."""

from __future__ import annotations

from terminal.store.db import Connection

NAME = "search_index"

STATEMENTS = [
    "CREATE TABLE search_terms (term TEXT NOT NULL, worker_id INTEGER NOT NULL REFERENCES workers(id))",
    "CREATE INDEX search_terms_term ON search_terms(term, worker_id)",
    "CREATE INDEX search_terms_worker ON search_terms(worker_id)",
]


def after(conn: Connection) -> None:
    from terminal.store.search import index_all

    index_all(conn)
