"""Scheduled work: the outbox relay and the scans that find what is due."""
