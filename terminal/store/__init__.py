"""Encrypted local store (SQLCipher 4). Qt-free."""
