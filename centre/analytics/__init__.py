"""The centre's analysis (issue #14): typed fact tables kept from the records, credit evaluation (诚信评价), the
authority's read-only API. docs/analytics.md describes the tables."""
