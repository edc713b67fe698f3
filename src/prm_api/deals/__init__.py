"""Deal registration: submission, conflict detection, approval rules, protection, expiry."""
