"""Tiers: the levels of the partner program (Registered, Silver, Gold…) and their criteria."""
