"""Webhooks: endpoints, signed delivery with retries, the delivery log and replay."""
