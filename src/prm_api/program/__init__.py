"""The deal-registration program: auto-approval rules and program settings (vendor staff)."""
