"""Telegram bot of the COOPERACTIVAS social-economy network."""
