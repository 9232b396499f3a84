"""Matching use cases: proposals, introductions on mutual interest, follow-ups."""
