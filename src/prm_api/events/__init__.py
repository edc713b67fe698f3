"""The event outbox: every state change as an event, the event log API and the catalog."""
