"""Onboarding use cases and the state of a person answering the profile questions."""
