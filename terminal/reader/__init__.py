"""ID card readers: frame protocol, transports (PC/SC, serial), virtual reader. Qt-free."""
