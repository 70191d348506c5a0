"""Django's PostgreSQL backend with the centre's check before a pooled connection is lent (centre/ops/db_pool.py)."""
