"""Append-only, hash-chained audit trail (DESIGN §7)."""
