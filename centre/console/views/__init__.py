"""The console's pages: thin views over the use cases (one module per area)."""
