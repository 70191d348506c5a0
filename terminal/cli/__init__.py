"""The `terminal` command line."""
