"""Credential cards: signed QR payload, card and A4 sheet PDFs, print job confirmation. Qt-free."""
