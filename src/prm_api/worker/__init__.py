"""Background work: scheduled jobs (deal expiry) and, later, webhook delivery."""
