"""Shared mechanisms every resource uses: ids, time, pagination, sorting, ETags, idempotency,
rate limiting and the request context."""
