"""The terminal sync API: events pushed with a verdict each, current records, and the decisions feed."""
