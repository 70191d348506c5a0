"""Agency reports: figures from the store, exported to Excel (xlsx) and PDF. Qt-free."""
