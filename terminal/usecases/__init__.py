"""Qt-free use cases: what a UI action or a command calls. Each takes the store and plain values."""
