"""The centre's console (中心管理台) under /console/: sign-in, roles, look-up, traces, agencies, terminals.

Views are thin: they parse, call a use case that checks the role and writes the audit entry, and render
(docs/console.md)."""
