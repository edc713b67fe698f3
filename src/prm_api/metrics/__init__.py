"""Metrics: daily per-partner rollups kept in step with every change, and the KPIs, query
API, summary and leaderboard read from them."""
